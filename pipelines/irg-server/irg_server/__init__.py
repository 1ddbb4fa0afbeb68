"""irg-eval's IRG server: the GPU side of the protocol in docs/protocol.md.

Only the standard library is imported here; torch and the official IRG/BAGEL code are imported by
``model_irg`` when a real model is served.
"""

__version__ = "0.1.0"
