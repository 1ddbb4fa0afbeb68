"""dump_detections.py without the official environment: fake detector / colour functions, plain nested lists."""

import ast
import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)
sys.path.insert(0, TOOLS)

import dump_detections as dd  # noqa: E402

CLASSES = ["person", "dog", "cat"]
COLOUR_META = {"tag": "color_attr", "prompt": "a photo of a brown dog and a white cat",
               "include": [{"class": "dog", "count": 1, "color": "brown"}, {"class": "cat", "count": 1}]}
PLAIN_META = {"tag": "two_object", "prompt": "a photo of a dog and a cat",
              "include": [{"class": "dog", "count": 1}, {"class": "cat", "count": 1}]}


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as fp:
        fp.write(data)


def sha(data):
    return hashlib.sha256(data).hexdigest()


class FakeOfficial(object):
    """detect/classify/open_image with call logs; bbox rows per class are plain lists [x1, y1, x2, y2, score]."""

    def __init__(self, rows_by_path, with_masks=True):
        self.rows_by_path = rows_by_path
        self.with_masks = with_masks
        self.detected = []
        self.classified = []
        self.opened = []

    def detect(self, path):
        self.detected.append(os.path.basename(os.path.dirname(os.path.dirname(path))) + "/" + os.path.basename(path))
        bbox = self.rows_by_path(path)
        if not self.with_masks:
            return bbox
        segm = [["mask-%d-%d" % (c, k) for k in range(len(rows))] for c, rows in enumerate(bbox)]
        return (bbox, segm)

    def classify(self, image, row, mask, classname):
        self.classified.append((image, list(row), mask, classname))
        return {"dog": "brown", "cat": "white", "person": "black"}[classname]

    def open_image(self, path):
        self.opened.append(path)
        return "image:" + os.path.basename(path)


def simple_rows(path):
    return [[], [[1, 2, 30, 40, 0.95]], [[5, 6, 7, 8, 0.5]]]


class LayoutTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)

    def test_walk_accepts_what_the_official_main_accepts(self):
        d = self.dir
        write(os.path.join(d, "00000", "metadata.jsonl"), json.dumps(COLOUR_META))  # json.dump: no newline
        write(os.path.join(d, "00000", "grid.png"), b"grid")
        write(os.path.join(d, "00000", "samples", "0000.png"), b"a")    # README naming
        write(os.path.join(d, "00000", "samples", "0001.png"), b"b")
        write(os.path.join(d, "00000", "samples", "12.pngX"), b"c")     # re.match prefix: accepted officially
        write(os.path.join(d, "00000", "samples", "notes.txt"), b"x")
        write(os.path.join(d, "00000", "samples", "x0002.png"), b"x")
        os.makedirs(os.path.join(d, "00000", "samples", "0003.png"))    # a directory, not a file
        write(os.path.join(d, "00001", "metadata.jsonl"), json.dumps(PLAIN_META))
        write(os.path.join(d, "00001", "samples", "00000.png"), b"d")  # diffusers_generate.py naming
        write(os.path.join(d, "logs", "metadata.jsonl"), json.dumps(PLAIN_META))  # not digits: ignored
        write(os.path.join(d, "logs", "samples", "0000.png"), b"e")
        write(os.path.join(d, "00002.txt"), "not a folder")
        write(os.path.join(d, "results.jsonl"), "")
        refs = dd.walk_layout(d)
        self.assertEqual([("00000", "0000.png"), ("00000", "0001.png"), ("00000", "12.pngX"),
                          ("00001", "00000.png")], [(r.folder, r.sample) for r in refs])
        self.assertEqual(COLOUR_META, refs[0].metadata)
        self.assertEqual(PLAIN_META, refs[3].metadata)
        self.assertEqual(os.path.join(d, "00001", "samples", "00000.png"), refs[3].path)

    def test_identical_bytes_under_two_prompts_give_one_entry_with_the_union_of_colour_classes(self):
        write(os.path.join(self.dir, "00000", "metadata.jsonl"), json.dumps(PLAIN_META))
        write(os.path.join(self.dir, "00000", "samples", "0000.png"), b"same")
        write(os.path.join(self.dir, "00001", "metadata.jsonl"), json.dumps(COLOUR_META))
        write(os.path.join(self.dir, "00001", "samples", "0000.png"), b"same")
        write(os.path.join(self.dir, "00001", "samples", "0001.png"), b"other")
        plan = dd.plan_images(dd.walk_layout(self.dir))
        self.assertEqual([sha(b"same"), sha(b"other")], [p[0] for p in plan])
        self.assertEqual(os.path.join(self.dir, "00000", "samples", "0000.png"), plan[0][1])
        self.assertEqual({"dog"}, plan[0][2])
        self.assertEqual({"dog"}, plan[1][2])


class SelectionTest(unittest.TestCase):
    def test_rows_at_exactly_the_threshold_are_dropped_above_are_kept(self):
        rows = [[0, 0, 1, 1, 0.3], [0, 0, 1, 1, 0.30001], [0, 0, 1, 1, 0.95], [0, 0, 1, 1, 0.1],
                [0, 0, 1, 1, 0.29999]]
        self.assertEqual([1, 2], dd.kept_rows(rows, 0.3))
        self.assertEqual([0, 1, 2, 4], dd.kept_rows(rows, 0.2))
        self.assertEqual([], dd.kept_rows([], 0.3))

    def test_colour_classes_come_from_include_entries_with_a_color_key_only(self):
        self.assertEqual({"dog"}, dd.colour_classes(COLOUR_META))
        self.assertEqual(set(), dd.colour_classes(PLAIN_META))
        self.assertEqual(set(), dd.colour_classes({"tag": "counting", "include": [{"class": "dog", "count": 2}],
                                                   "exclude": [{"class": "dog", "count": 3, "color": "red"}]}))
        self.assertEqual({"dog", "cat"}, dd.colour_classes(
            {"include": [{"class": "dog", "count": 1, "color": "red"},
                         {"class": "cat", "count": 1, "color": "blue", "position": ["left of", 0]}]}))
        self.assertEqual(set(), dd.colour_classes({"tag": "single_object"}))

    def test_colours_are_asked_only_for_colour_classes_and_every_kept_row_of_them(self):
        bbox = [[[0, 0, 9, 9, 0.99]],                                           # person: kept, no colour
                [[1, 2, 3, 4, 0.8], [5, 6, 7, 8, 0.3], [9, 10, 11, 12, 0.4]],  # dog: colour, 0.3 dropped
                [[2, 2, 4, 4, 0.9]]]                                           # cat: no colour
        segm = [["m00"], ["m10", "m11", "m12"], ["m20"]]
        fake = FakeOfficial(None)
        dets = dd.image_detections(bbox, segm, CLASSES, {"dog"}, 0.3, fake.classify, fake.open_image, "p.png")
        self.assertEqual([
            {"class": "person", "box": [0.0, 0.0, 9.0, 9.0], "score": 0.99},
            {"class": "dog", "box": [1.0, 2.0, 3.0, 4.0], "score": 0.8, "color": "brown"},
            {"class": "dog", "box": [9.0, 10.0, 11.0, 12.0], "score": 0.4, "color": "brown"},
            {"class": "cat", "box": [2.0, 2.0, 4.0, 4.0], "score": 0.9}], dets)
        # the official call shape: the full detector row and the mask at the same (c, k), the class name
        self.assertEqual([("image:p.png", [1, 2, 3, 4, 0.8], "m10", "dog"),
                          ("image:p.png", [9, 10, 11, 12, 0.4], "m12", "dog")], fake.classified)
        self.assertEqual(["p.png"], fake.opened)  # opened once

    def test_no_colour_needed_means_no_classification_and_no_image_opened(self):
        fake = FakeOfficial(None)
        dets = dd.image_detections(simple_rows(None), None, CLASSES, set(), 0.3, fake.classify, fake.open_image, "p")
        self.assertEqual(2, len(dets))
        self.assertTrue(all("color" not in d for d in dets))
        self.assertEqual([], fake.classified)
        self.assertEqual([], fake.opened)

    def test_result_unpacking_like_evaluate_image(self):
        self.assertEqual(("B", "S"), dd.split_result(("B", "S")))
        self.assertEqual(("B", None), dd.split_result(("B",)))
        self.assertEqual((["B"], None), dd.split_result(["B"]))  # not a tuple: bbox only

    def test_missing_masks_pass_none(self):
        fake = FakeOfficial(None)
        bbox, segm = dd.split_result([[], [[1, 2, 3, 4, 0.9]], []])
        dd.image_detections(bbox, segm, CLASSES, {"dog"}, 0.3, fake.classify, fake.open_image, "p")
        self.assertIsNone(fake.classified[0][2])


class OutputTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        self.images = os.path.join(self.dir, "images")
        write(os.path.join(self.images, "00000", "metadata.jsonl"), json.dumps(COLOUR_META))
        write(os.path.join(self.images, "00001", "metadata.jsonl"), json.dumps(PLAIN_META))
        self.bytes = {}
        for folder in ("00000", "00001"):
            for i in range(2):
                data = ("png %s %d" % (folder, i)).encode()
                write(os.path.join(self.images, folder, "samples", "%04d.png" % i), data)
                self.bytes[folder + "/%04d.png" % i] = data
        self.out = os.path.join(self.dir, "sub", "detections.jsonl")

    def run_dump(self, fake):
        plan = dd.plan_images(dd.walk_layout(self.images))
        log = io.StringIO()
        n = dd.dump(plan, self.out, fake.detect, fake.classify, fake.open_image, CLASSES, 0.3, log=log)
        return n, log.getvalue()

    def lines(self):
        with open(self.out, encoding="utf-8") as fp:
            return fp.read().split("\n")

    def test_line_format_matches_docs(self):
        line = dd.format_line("ab" * 32, [{"class": "dog", "box": [1.0, 2.0, 3.5, 4.0], "score": 0.97,
                                           "color": "brown"}, {"class": "cat", "box": [0.0, 0.0, 1.0, 1.0],
                                                               "score": 0.5}])
        self.assertEqual('{"image_sha256": "' + "ab" * 32 + '", "detections": [{"class": "dog", "box": '
                         '[1.0, 2.0, 3.5, 4.0], "score": 0.97, "color": "brown"}, {"class": "cat", "box": '
                         '[0.0, 0.0, 1.0, 1.0], "score": 0.5}]}\n', line)
        self.assertEqual('{"image_sha256": "00", "detections": []}\n', dd.format_line("00", []))
        with self.assertRaises(ValueError):  # never write NaN (not JSON; the importer would refuse the file)
            dd.format_line("00", [{"class": "dog", "box": [0.0, 0.0, 1.0, 1.0], "score": float("nan")}])

    def test_dump_writes_one_documented_line_per_image(self):
        fake = FakeOfficial(simple_rows)
        n, log = self.run_dump(fake)
        self.assertEqual(4, n)
        lines = self.lines()
        self.assertEqual("", lines[-1])  # every line ends in a newline
        rows = [json.loads(l) for l in lines[:-1]]
        self.assertEqual([sha(self.bytes[k]) for k in ("00000/0000.png", "00000/0001.png", "00001/0000.png",
                                                       "00001/0001.png")], [r["image_sha256"] for r in rows])
        for r in rows:
            self.assertEqual(["image_sha256", "detections"], list(r))
            self.assertRegex(r["image_sha256"], "^[0-9a-f]{64}$")
            for d in r["detections"]:
                self.assertIn(list(d), (["class", "box", "score"], ["class", "box", "score", "color"]))
                self.assertIn(d["class"], CLASSES)
                self.assertEqual(4, len(d["box"]))
        # colour prompt (00000): dog rows carry a colour, cat rows do not; plain prompt (00001): no colours
        self.assertEqual([{"class": "dog", "box": [1.0, 2.0, 30.0, 40.0], "score": 0.95, "color": "brown"},
                          {"class": "cat", "box": [5.0, 6.0, 7.0, 8.0], "score": 0.5}], rows[0]["detections"])
        self.assertEqual([{"class": "dog", "box": [1.0, 2.0, 30.0, 40.0], "score": 0.95},
                          {"class": "cat", "box": [5.0, 6.0, 7.0, 8.0], "score": 0.5}], rows[2]["detections"])
        self.assertEqual(2, len(fake.classified))
        self.assertIn("4/4 ", log)
        self.assertIn("1/4 ", log)

    def test_resume_skips_done_images(self):
        self.run_dump(FakeOfficial(simple_rows))
        before = self.lines()
        write(os.path.join(self.images, "00001", "samples", "0002.png"), b"new one")
        fake = FakeOfficial(simple_rows)
        n, log = self.run_dump(fake)
        self.assertEqual(1, n)
        self.assertEqual(["00001/0002.png"], fake.detected)
        after = self.lines()
        self.assertEqual(before[:-1], after[:4])  # the old lines are untouched
        self.assertEqual(sha(b"new one"), json.loads(after[4])["image_sha256"])
        self.assertIn("5/5 ", log)
        fake = FakeOfficial(simple_rows)
        self.assertEqual(0, self.run_dump(fake)[0])
        self.assertEqual([], fake.detected)

    def test_resume_after_a_torn_last_line_redoes_that_image(self):
        self.run_dump(FakeOfficial(simple_rows))
        lines = self.lines()
        with open(self.out, "w", encoding="utf-8") as fp:  # a crash in the middle of the third line
            fp.write(lines[0] + "\n" + lines[1] + "\n" + lines[2][:25])
        fake = FakeOfficial(simple_rows)
        with contextlib.redirect_stderr(io.StringIO()) as err:
            n, _ = self.run_dump(fake)
        self.assertIn("torn", err.getvalue())
        self.assertEqual(2, n)
        self.assertEqual(["00001/0000.png", "00001/0001.png"], fake.detected)
        self.assertEqual(lines, self.lines())
        self.assertFalse(os.path.exists(self.out + ".tmp"))

    def test_a_damaged_line_before_the_end_is_an_error(self):
        self.run_dump(FakeOfficial(simple_rows))
        lines = self.lines()
        with open(self.out, "w", encoding="utf-8") as fp:
            fp.write(lines[0] + "\n{oops\n" + lines[2] + "\n")
        with self.assertRaises(SystemExit):
            self.run_dump(FakeOfficial(simple_rows))


FAKE_OFFICIAL = '''
"""Stands in for geneval/evaluation/evaluate_images.py: the names dump_detections.py reads, nothing else."""
import os


class mmdet(object):
    __file__ = "/fake/site-packages/mmdet/__init__.py"


class Image(object):
    @staticmethod
    def open(path):
        return ("opened", os.path.basename(path))


class ImageOps(object):
    @staticmethod
    def exif_transpose(image):
        return ("transposed",) + image


CALLS = []


def load_models(args):
    CALLS.append(("load_models", args.model_config, args.model_path, dict(args.options)))
    with open(os.path.join(os.path.dirname(__file__), "object_names.txt")) as fp:
        names = [l.strip() for l in fp]
    return "DETECTOR", ("CLIP", "TRANSFORM", "TOKENIZER"), names


def inference_detector(model, path):
    assert model == "DETECTOR" and object_detector == "DETECTOR"
    bbox = [[] for _ in classnames]
    bbox[1] = [[1, 2, 30, 40, 0.95], [3, 3, 9, 9, 0.3]]
    bbox[2] = [[5, 6, 7, 8, 0.5]]
    segm = [["m%d%d" % (c, k) for k in range(len(rows))] for c, rows in enumerate(bbox)]
    return (bbox, segm)


def color_classification(image, bboxes, classname):
    # the official reads these module globals (ImageCrops: args.options, transform; zsc: clip_model, tokenizer)
    CALLS.append(("color", image, bboxes, classname, clip_model, transform, tokenizer, args.options["bgcolor"]))
    return ["brown"] * len(bboxes)
'''


class OfficialWiringTest(unittest.TestCase):
    """main() against a stand-in evaluate_images module: the module globals and call shapes the script relies on."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        self.geneval = os.path.join(self.dir, "geneval", "evaluation")
        write(os.path.join(self.geneval, "evaluate_images.py"), textwrap.dedent(FAKE_OFFICIAL))
        write(os.path.join(self.geneval, "object_names.txt"), "\n".join(CLASSES) + "\n")
        self.images = os.path.join(self.dir, "images")
        write(os.path.join(self.images, "00000", "metadata.jsonl"), json.dumps(COLOUR_META))
        write(os.path.join(self.images, "00000", "samples", "00000.png"), b"img")
        self.out = os.path.join(self.dir, "det.jsonl")
        self.path_before = list(sys.path)
        self.addCleanup(self.restore)

    def restore(self):
        sys.path[:] = self.path_before
        sys.modules.pop("evaluate_images", None)

    def test_main_sets_the_official_globals_and_calls_the_official_functions(self):
        with contextlib.redirect_stderr(io.StringIO()):
            rc = dd.main([self.images, "--out", self.out, "--geneval-dir", self.geneval,
                          "--model-path", "/ckpt", "--options", "bgcolor=original"])
        self.assertEqual(0, rc)
        ev = sys.modules["evaluate_images"]
        load = ev.CALLS[0]
        self.assertEqual("load_models", load[0])
        self.assertEqual(os.path.join("/fake/site-packages/mmdet", "..", "configs", "mask2former",
                                      "mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco.py"), load[1])
        self.assertEqual("/ckpt", load[2])
        self.assertEqual({"bgcolor": "original", "crop": "1", "clip_model": "ViT-L-14",
                          "model": "mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco"}, load[3])
        self.assertEqual([("color", ("transposed", "opened", "00000.png"), [([1, 2, 30, 40, 0.95], "m10")], "dog",
                           "CLIP", "TRANSFORM", "TOKENIZER", "original")], ev.CALLS[1:])
        with open(self.out, encoding="utf-8") as fp:
            self.assertEqual(dd.format_line(sha(b"img"), [
                {"class": "dog", "box": [1.0, 2.0, 30.0, 40.0], "score": 0.95, "color": "brown"},
                {"class": "cat", "box": [5.0, 6.0, 7.0, 8.0], "score": 0.5}]), fp.read())

    def test_nothing_to_do_does_not_load_the_models(self):
        with contextlib.redirect_stderr(io.StringIO()):
            dd.main([self.images, "--out", self.out, "--geneval-dir", self.geneval])
        sys.modules.pop("evaluate_images", None)
        with contextlib.redirect_stderr(io.StringIO()) as err:
            self.assertEqual(0, dd.main([self.images, "--out", self.out, "--geneval-dir", "/nonexistent"]))
        self.assertIn("already", err.getvalue())
        self.assertNotIn("evaluate_images", sys.modules)

    def test_default_options_are_the_official_defaults(self):
        args = dd.parse_args(["imgs", "--out", "o", "--geneval-dir", "g"])
        self.assertEqual({"bgcolor": "#999", "crop": "1", "clip_model": "ViT-L-14",
                          "model": "mask2former_swin-s-p4-w7-224_lsj_8x2_50e_coco"}, args.options)
        self.assertEqual(0.3, args.min_score)
        self.assertEqual("./", args.model_path)
        self.assertIsNone(args.model_config)


class Python39Test(unittest.TestCase):
    def test_script_parses_as_python_3_9(self):
        with open(os.path.join(TOOLS, "dump_detections.py"), encoding="utf-8") as fp:
            ast.parse(fp.read(), feature_version=(3, 9))


if __name__ == "__main__":
    unittest.main()
