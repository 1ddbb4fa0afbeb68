"""Shared by the export scripts: trace a (1, 3, S, S) -> (1, D) wrapper, check it, save it, print its contract."""
import torch


def trace_and_save(wrapper, size, out, check=None):
    wrapper = wrapper.eval()
    x = torch.rand(1, 3, size, size)
    with torch.no_grad():
        ts = torch.jit.trace(wrapper, x, check_trace=False)
        y = ts(x)
        if y.dim() != 2 or y.shape[0] != 1:
            raise SystemExit(f"the export returns {list(y.shape)}, expected [1, D]")
        if check is not None:
            ref = check(x)
            err = (ref.float() - y.float()).abs().max().item()
            print(f"max |traced - eager| = {err:.3g}")
    ts.save(out)
    print(f"{out}: input (1, 3, {size}, {size}) float32 (pre-processed in Java), output {list(y.shape)}")
