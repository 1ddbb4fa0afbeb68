"""Four plausible mistakes in the IRG flow, each an ``IrgModel`` subclass that replaces one named step.

gpu_check's self-test runs each against the official function's output and requires a difference; ``--mutate NAME``
runs the whole check with the server side mutated and must end non-zero. A check that cannot tell these apart from
the official flow proves nothing (issue 19: with N(0, 0.02) weights none of them changed a pixel).

Each replaced step is the official line range named in ``IrgModel``'s method of the same name
(IRG@3eee315 eval/multi_turn/tiif/tiif_multi_turn_gen.py).
"""

import contextlib
import copy

from irg_server.model_irg import IrgModel


class Turn1TextCfgAfterPrompt(IrgModel):
    """Turn 1's text-CFG snapshot taken after the prompt instead of after the system prompt only (:282-297)."""

    def _first_turn_context(self, ctx, system, prompt, h, w):
        self._add_text(ctx, system)
        self._add_text(ctx, prompt)
        return copy.deepcopy(ctx[0]), self._cfg_input(ctx, h, w)


class ImageWithoutVit(IrgModel):
    """Image 1 fed back into the context as VAE tokens only, without its ViT tokens (:431-445)."""

    def _add_image_vit(self, ctx, image):
        pass


class Turn2TextCfgOfTurn1(IrgModel):
    """Turn 2's text CFG reuses turn 1's context (system prompt only) instead of the context up to image 1
    (:450-462)."""

    def _later_turn_text_cfg(self, ctx, h, w, first_cfg_text):
        return first_cfg_text


class ImageCfgWithoutThink(IrgModel):
    """Turn 2's image-CFG context lacks think 2 (:564-580)."""

    def _add_think_to_image_cfg(self, img_ctx, text):
        pass


MUTATIONS = {
    "turn1-text-cfg-after-prompt": Turn1TextCfgAfterPrompt,
    "image-without-vit": ImageWithoutVit,
    "turn2-text-cfg-of-turn1": Turn2TextCfgOfTurn1,
    "image-cfg-without-think": ImageCfgWithoutThink,
}


@contextlib.contextmanager
def mutated(model, name):
    """The loaded ``model`` behaves as mutation ``name`` inside the block (same weights, same object)."""
    cls = MUTATIONS[name]
    old = model.__class__
    model.__class__ = cls
    try:
        yield model
    finally:
        model.__class__ = old
