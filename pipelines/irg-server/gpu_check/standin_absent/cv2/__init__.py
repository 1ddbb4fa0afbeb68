"""A stand-in for OpenCV's ``cv2`` for the equality check on a machine without it (Debian ships no OpenCV for
Python in the CPU root). IRG's ``SFT/data/transforms.py:7`` imports cv2 at module level, but only its training-time
blur augmentation (:162-176) calls it; inference never does. Any use fails loudly instead of doing nothing, so a
check that did reach cv2 could not pass by accident. gpu_check.py puts this on ``sys.path`` only when cv2 is missing.
"""

STANDIN = True


def __getattr__(name):
    raise NotImplementedError("cv2.%s: gpu_check's cv2 stand-in has no OpenCV; inference should not call it" % name)
