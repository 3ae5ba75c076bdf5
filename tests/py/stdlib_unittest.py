# unittest: a suite run with a text runner, with failures, errors, skips, subtests.
import io
import unittest


class Sample(unittest.TestCase):
    def setUp(self):
        self.items = [3, 1, 2]

    def test_sort(self):
        self.assertEqual(sorted(self.items), [1, 2, 3])

    def test_fails(self):
        self.assertIn(5, self.items)

    def test_errors(self):
        {}["missing"]

    @unittest.skip("not today")
    def test_skipped(self):
        pass

    @unittest.expectedFailure
    def test_expected(self):
        self.assertTrue(False)

    def test_sub(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError):
            1 / 0
        with self.assertRaisesRegex(ValueError, "bad"):
            raise ValueError("bad value")
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertCountEqual([1, 2, 2], [2, 1, 2])


suite = unittest.defaultTestLoader.loadTestsFromTestCase(Sample)
out = io.StringIO()
result = unittest.TextTestRunner(stream=out, verbosity=2).run(suite)
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped),
      len(result.expectedFailures), result.wasSuccessful())
for line in out.getvalue().splitlines():
    if line.startswith(("test_", "FAIL:", "ERROR:", "AssertionError", "KeyError", "Ran ")):
        print(line.split(" in ")[0] if line.startswith("Ran ") else line)
