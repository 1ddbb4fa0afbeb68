"""A stand-in for flash-attn's ``flash_attn_varlen_func`` (the only function IRG's model code imports from it:
SFT/modeling/bagel/qwen2_navit.py:24, siglip_navit.py:20), for a GPU check on a machine without flash-attn.

It computes exact softmax attention per packed sequence with torch, in float32, and returns the query dtype.
Both sides of the equality check (the official function and the server) run through this same function, so its
numerics are identical on both sides; it is NOT numerically identical to flash-attn and is never used by the
server in production (gpu_check.py puts it on sys.path only when flash_attn is missing or --flash-attn standin).
"""

import math

import torch

STANDIN = True


def flash_attn_varlen_func(q, k, v, cu_seqlens_q, cu_seqlens_k, max_seqlen_q=None, max_seqlen_k=None,
                           dropout_p=0.0, softmax_scale=None, causal=False, **_ignored):
    """q: (total_q, heads, dim); k, v: (total_k, kv_heads, dim); cu_seqlens: int32 cumulative lengths."""
    if dropout_p:
        raise ValueError("stand-in: dropout is not supported (inference only)")
    heads, dim = q.shape[1], q.shape[2]
    scale = softmax_scale if softmax_scale is not None else 1.0 / math.sqrt(dim)
    out = torch.empty_like(q)
    cq = [int(x) for x in cu_seqlens_q.tolist()]
    ck = [int(x) for x in cu_seqlens_k.tolist()]
    for i in range(len(cq) - 1):
        qs = q[cq[i]:cq[i + 1]].float().transpose(0, 1)            # heads, Lq, d
        ks = k[ck[i]:ck[i + 1]].float().transpose(0, 1)
        vs = v[ck[i]:ck[i + 1]].float().transpose(0, 1)
        if ks.shape[0] != heads:                                     # grouped-query attention
            rep = heads // ks.shape[0]
            ks = ks.repeat_interleave(rep, dim=0)
            vs = vs.repeat_interleave(rep, dim=0)
        scores = torch.matmul(qs, ks.transpose(1, 2)) * scale        # heads, Lq, Lk
        if causal:
            lq, lk = scores.shape[1], scores.shape[2]
            # flash-attn aligns the causal mask to the bottom-right corner when Lq != Lk
            mask = torch.ones(lq, lk, dtype=torch.bool, device=scores.device).tril(diagonal=lk - lq)
            scores = scores.masked_fill(~mask, float("-inf"))
        probs = torch.softmax(scores, dim=-1)
        out[cq[i]:cq[i + 1]] = torch.matmul(probs, vs).transpose(0, 1).to(q.dtype)
    return out
