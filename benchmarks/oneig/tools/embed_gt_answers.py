#!/usr/bin/env python3
"""LLM2CLIP text features of the 225 reasoning GT answers, for `--scorer-opt llm2clip_text=FILE.json` (oneig-djl).

The text side of LLM2CLIP is LLM2Vec on an 8B Llama (microsoft/LLM2CLIP-Llama-3-8B-Instruct-CC-Finetuned) plus the
LLM2CLIP text adapter: too large to run in-process, so it is computed once here, where the weights and a GPU are, exactly
as OneIG-Bench/OneIG-Benchmark@41b4983 scripts/utils/inference.py l.152-195 does (run from a checkout of that repository
so its scripts/utils/llm2clip/llm2vec is importable):

    cd OneIG-Benchmark && pip install -r requirements.txt
    python3 <irg-eval>/benchmarks/oneig/tools/embed_gt_answers.py --gt scripts/reasoning/gt_answer.json \
        --out llm2clip_gt_text.json

Writes {"model", "text_model", "dim", "embeddings": {"000": [D floats], ...}}: text_features as get_text_features returns
them (before normalisation; the Java side L2-normalises both sides, l.197-199).
"""
import argparse
import json
import os
import sys

import torch
from transformers import AutoConfig, AutoModel, AutoTokenizer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gt", default="scripts/reasoning/gt_answer.json")
    ap.add_argument("--out", required=True)
    ap.add_argument("--model", default="microsoft/LLM2CLIP-Openai-L-14-336")
    ap.add_argument("--llm", default="microsoft/LLM2CLIP-Llama-3-8B-Instruct-CC-Finetuned")
    ap.add_argument("--device", default="cuda")
    a = ap.parse_args()
    sys.path.insert(0, os.getcwd())
    from scripts.utils.llm2clip.llm2vec import LLM2Vec  # the official copy (inference.py l.177)

    model = AutoModel.from_pretrained(a.model, torch_dtype=torch.bfloat16, trust_remote_code=True).to(a.device).eval()
    config = AutoConfig.from_pretrained(a.llm, trust_remote_code=True)
    llm = AutoModel.from_pretrained(a.llm, torch_dtype=torch.bfloat16, config=config, trust_remote_code=True)
    tok = AutoTokenizer.from_pretrained(a.llm)
    llm.config._name_or_path = "meta-llama/Meta-Llama-3-8B-Instruct"  # l.175, the official workaround
    l2v = LLM2Vec(llm, tok, pooling_mode="mean", max_length=512, doc_max_length=512)
    with open(a.gt, encoding="utf-8") as f:
        gt = json.load(f)
    out = {}
    for k, text in gt.items():
        t = l2v.encode([text], convert_to_tensor=True).to(a.device)  # l.190
        with torch.no_grad(), torch.amp.autocast(a.device):  # l.193
            feats = model.get_text_features(t)  # l.195
        out[k] = [float(v) for v in feats[0].float().cpu()]
    dim = len(next(iter(out.values())))
    with open(a.out, "w") as f:
        json.dump({"model": a.model, "text_model": a.llm, "dim": dim, "embeddings": out}, f)
    print(f"{len(out)} GT answers, dim {dim} -> {a.out}")


if __name__ == "__main__":
    main()
