"""`wb batch` on a local Ray: segments/s with 1 and 2 workers (QA, and translation with the fake
test engine) and Ray's overhead versus the single-process commands on the same corpus."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench_qa import corpus_pairs, write_pairs
from common import table

from workbench.glossary import Glossary
from workbench.language import Language
from workbench.mt.pipeline import translate_file
from workbench.mt.registry import load_engine
from workbench.qa.run import check

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = [ROOT / "glossary"]
QA_SEGMENTS, MT_SEGMENTS, FILES = 40_000, 4_000, 8


def write_corpus(folder: Path, segments: int) -> list[Path]:
    pairs = corpus_pairs(segments, seed=17)
    folder.mkdir(parents=True)
    step = segments // FILES
    paths = []
    for i in range(FILES):
        path = folder / f"part{i}.tsv"
        write_pairs(path, pairs[i * step : (i + 1) * step])
        paths.append(path)
    return paths


def run() -> str:
    try:
        import ray
    except ImportError:
        return "### Batch (Ray)\n\nskipped: the scale extra (ray[data]) is not installed.\n"
    from workbench.batch.qa import batch_check
    from workbench.batch.translate import batch_translate

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        qa_files = write_corpus(tmp / "qa", QA_SEGMENTS)
        mt_files = write_corpus(tmp / "mt", MT_SEGMENTS)
        glossary = Glossary.load(GLOSSARY)
        _ = glossary.matcher
        start = time.perf_counter()
        single = check(qa_files, glossary)
        qa_single = time.perf_counter() - start
        rows.append(
            [
                "qa",
                "single process (`wb qa check`)",
                f"{qa_single:.1f}",
                f"{QA_SEGMENTS / qa_single:,.0f}",
            ]
        )
        src, tgt = Language.parse("zh-TW"), Language.parse("en")
        engine = load_engine("fake", None, src, tgt, glossary=glossary)
        start = time.perf_counter()
        for path in mt_files:
            translate_file(
                path,
                engine,
                glossary,
                source=src,
                target=tgt,
                output=tmp / "single" / path.name,
                progress=False,
            )
        mt_single = time.perf_counter() - start
        rows.append(
            [
                "translate (fake)",
                "single process (`wb translate`)",
                f"{mt_single:.1f}",
                f"{MT_SEGMENTS / mt_single:,.0f}",
            ]
        )
        start = time.perf_counter()
        ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
        startup = time.perf_counter() - start
        timings = {}
        for workers in (1, 2):
            result, s = batch_check(
                tmp / "qa",
                tmp / f"qa-out{workers}",
                glossary_paths=GLOSSARY,
                workers=workers,
                progress=False,
            )
            assert result.findings.height == single.findings.height
            timings[("qa", workers)] = s.seconds
            rows.append(
                ["qa", f"`wb batch qa`, {workers} worker(s)", f"{s.seconds:.1f}", f"{s.rate:,.0f}"]
            )
        for workers in (1, 2):
            s = batch_translate(
                tmp / "mt",
                tmp / f"mt-out{workers}",
                source="zh-TW",
                target="en",
                engine="fake",
                glossary_paths=GLOSSARY,
                workers=workers,
                use_cache=False,
                progress=False,
            )
            timings[("mt", workers)] = s.seconds
            rows.append(
                [
                    "translate (fake)",
                    f"`wb batch translate`, {workers} worker(s)",
                    f"{s.seconds:.1f}",
                    f"{s.rate:,.0f}",
                ]
            )
        ray.shutdown()
    qa1, qa2, mt1, mt2 = (timings[k] for k in (("qa", 1), ("qa", 2), ("mt", 1), ("mt", 2)))
    return (
        "### Batch: `wb batch` on a local Ray (2 CPUs)\n\n"
        f"{QA_SEGMENTS:,} QA segments and {MT_SEGMENTS:,} segments to translate, in {FILES} "
        "TSV files; shipped glossary. Batch times include reading, the reduce and writing "
        "shards and reports, not Ray's start-up.\n\n"
        + table(["job", "how", "seconds", "segments/s"], rows)
        + f"\n\nRay start-up (`ray.init`, 2 CPUs): {startup:.1f} s. Overhead of Ray with 1 "
        f"worker versus the single process: QA {qa1 - qa_single:+.1f} s, translation "
        f"{mt1 - mt_single:+.1f} s; speed-up from 1 to 2 workers: QA {qa1 / qa2:.2f}×, "
        f"translation {mt1 / mt2:.2f}×.\n"
    )

if __name__ == "__main__":
    print(run())
