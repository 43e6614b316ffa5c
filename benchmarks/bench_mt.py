"""MT throughput on an opus-mt-sized random Marian model (d_model 512, 6+6 layers, 65k vocabulary),
exactly 32 tokens out per segment: transformers fp32 vs CTranslate2 fp32 and int8, batch 1/8/32,
greedy and beam 4, with and without glossary enforcement — all in one run, so ratios compare."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from common import table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # synthetic_models

OUT_TOKENS = 32
REPEATS = 2
TERMS = [["Tsai Ching-hsiang"], ["Criminal Investigation Bureau"]]


def _inputs(tokenizer, n: int) -> list[str]:
    from synthetic_models import training_lines

    lines = [line for line in training_lines() if any("\u4e00" <= c <= "\u9fff" for c in line)]
    ids = [i for enc in tokenizer(lines, add_special_tokens=False).input_ids for i in enc]
    out, i = [], 0
    while len(out) < n:
        chunk = ids[i : i + OUT_TOKENS - 1] or ids[: OUT_TOKENS - 1]
        out.append(tokenizer.decode(chunk, skip_special_tokens=True))
        i = (i + OUT_TOKENS) % max(1, len(ids) - OUT_TOKENS)
    return out


def run(threads: int | None = None) -> str:
    import torch
    from synthetic_models import build_marian

    from workbench.language import Language
    from workbench.mt.engine import GenerationOptions, TermSpec
    from workbench.mt.models import convert_model
    from workbench.mt.registry import load_engine

    torch.set_num_threads(threads or os.cpu_count() or 2)
    rows, speeds = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        model = build_marian(tmp / "opus-size", d_model=512, layers=6, heads=8, ffn=2048, vocab_size=4000, extra_vocab=61000, seed=0)
        ct2_fp32 = convert_model(str(model), tmp / "ct2-fp32", "float32")
        ct2_int8 = convert_model(str(model), tmp / "ct2-int8", "int8")
        zh, en = Language.parse("zh-TW"), Language.parse("en")

        def opts(beams, compute_type=None):  # exactly OUT_TOKENS out: speeds compare per token
            return GenerationOptions(beams=beams, device="cpu", compute_type=compute_type, fixed_output_tokens=OUT_TOKENS)

        engines = {
            "hf fp32": lambda beams: load_engine("hf", str(model), zh, en, options=opts(beams)),
            "ct2 fp32": lambda beams: load_engine("ct2", str(ct2_fp32), zh, en, options=opts(beams, "float32")),
            "ct2 int8": lambda beams: load_engine("ct2", str(ct2_int8), zh, en, options=opts(beams, "int8")),
        }
        for name, make in engines.items():
            for beams in (1, 4):
                engine = make(beams)
                texts = _inputs(engine.tokenizer, 64)
                engine.translate(texts[:2])  # warm up
                for batch in (1, 8, 32):
                    n = 8 if batch == 1 else (32 if beams == 4 else 64)
                    specs = [TermSpec([list(t) for t in TERMS]) for _ in range(batch)]
                    best = {False: float("inf"), True: float("inf")}
                    for _ in range(REPEATS):  # interleaved, best of REPEATS: drift hits both alike
                        for enforce in (False, True):
                            start = time.perf_counter()
                            for i in range(0, n, batch):
                                chunk = texts[i : i + batch]
                                engine.translate(chunk, specs[: len(chunk)] if enforce else None)
                            best[enforce] = min(best[enforce], time.perf_counter() - start)
                    for enforce in (False, True):
                        speed = n / best[enforce]
                        speeds[(name, beams, batch, enforce)] = speed
                        rows.append([name, beams, batch, "yes" if enforce else "no", f"{speed:.2f}", f"{speed * OUT_TOKENS:.0f}"])
    lines = ["### MT: segments per second (32 tokens out each)\n",
             f"Random-weight Marian model, d_model 512, 6+6 layers, 65k vocabulary; {torch.get_num_threads()} threads; CPU; best of {REPEATS} interleaved runs per cell.\n",
             table(["engine", "beam", "batch", "glossary enforcement", "segments/s", "tokens/s"], rows), ""]
    ratio_rows = []
    for beams in (1, 4):
        for batch in (1, 8, 32):
            base = speeds[("hf fp32", beams, batch, False)]
            ratio_rows.append([beams, batch,
                               f"{speeds[('ct2 fp32', beams, batch, False)] / base:.2f}×", f"{speeds[('ct2 int8', beams, batch, False)] / base:.2f}×",
                               f"{(1 - speeds[('hf fp32', beams, batch, True)] / base) * 100:+.1f}%".replace("+-", "-"),
                               f"{(1 - speeds[('ct2 int8', beams, batch, True)] / speeds[('ct2 int8', beams, batch, False)]) * 100:+.1f}%"])
    lines += ["Ratios within this run (enforcement cost = time lost to it; hf pins terms in decoding, ct2 reranks 4 hypotheses):\n",
              table(["beam", "batch", "ct2 fp32 / hf fp32", "ct2 int8 / hf fp32", "enforcement cost hf", "enforcement cost ct2 int8"], ratio_rows), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
