"""docs/protocol.schema.json and the server's validation name the same fields and codes."""

import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from irg_server import protocol  # noqa: E402

SCHEMA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "docs", "protocol.schema.json"))


class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(SCHEMA, encoding="utf-8") as f:
            cls.defs = json.load(f)["$defs"]

    def test_request_fields(self):
        self.assertEqual(set(protocol.REQUEST_FIELDS), set(self.defs["trajectory_request"]["properties"]))

    def test_turn_and_think_fields(self):
        self.assertEqual(set(protocol.TURN_FIELDS), set(self.defs["turn_params"]["properties"]))
        self.assertEqual(set(protocol.TURN_FIELDS), set(self.defs["turn_params"]["required"]))
        self.assertEqual(set(protocol.THINK_FIELDS), set(self.defs["think"]["properties"]))
        self.assertEqual(list(protocol.RENORM_TYPES),
                         self.defs["turn_params"]["properties"]["cfg_renorm_type"]["enum"])

    def test_error_codes(self):
        self.assertEqual(sorted(protocol.ERROR_STATUS),
                         sorted(self.defs["error"]["properties"]["error"]["properties"]["code"]["enum"]))

    def test_modes(self):
        self.assertEqual(list(protocol.MODES), self.defs["trajectory_request"]["properties"]["mode"]["enum"])


if __name__ == "__main__":
    unittest.main()
