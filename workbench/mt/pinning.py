"""Term pinning during decoding: a LogitsProcessor that guarantees required token sequences.

For each hypothesis (row of the beam), per step:
- a required term that has been started is completed (its next token is forced);
- while a term is missing, end-of-sentence is forbidden;
- when the remaining length just fits the missing terms, the next missing term is forced in;
- banned sequences (forbidden renderings) cannot be completed.
Every required term ends up in every output, greedy or beam, at a small cost per step.
"""

from __future__ import annotations

import torch
from transformers import LogitsProcessor


def _contains(seq: list[int], sub: list[int]) -> bool:
    n = len(sub)
    return any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))


class TermPinningProcessor(LogitsProcessor):
    def __init__(self, required: list[list[list[list[int]]]], banned: list[list[list[int]]], num_beams: int,
                 prompt_length: int, max_new_tokens: int, eos_token_id: int, space_token_id: int | None = None):
        """``required[b]``: terms of batch item b, each a list of alternative token sequences;
        ``banned[b]``: token sequences that must not be produced."""
        self.required = required
        self.banned = banned
        self.num_beams = num_beams
        self.prompt_length = prompt_length
        self.max_length = prompt_length + max_new_tokens
        self.eos = eos_token_id
        self.space = space_token_id
        # shortest alternatives first: on a shared prefix ("CIB" / "Criminal …") the short one wins
        self.required = [[sorted(term, key=len) for term in terms] for terms in required]
        self.active = [b for b in range(len(required)) if required[b] or banned[b]]

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if not self.active:
            return scores
        cur = input_ids.shape[1]
        remaining = self.max_length - cur
        neg = torch.finfo(scores.dtype).min
        for b in self.active:
            for r in range(b * self.num_beams, (b + 1) * self.num_beams):
                gen = input_ids[r, self.prompt_length :].tolist()
                forced = self._step(gen, b, remaining)
                if forced is not None:
                    keep = scores[r, forced].clone()
                    scores[r, :] = neg
                    scores[r, forced] = keep if keep > neg else 0.0
                    continue
                if any(not any(_contains(gen, alt) for alt in term) for term in self.required[b]):
                    scores[r, self.eos] = neg
                for seq in self.banned[b]:
                    if len(seq) == 1 or gen[-(len(seq) - 1) :] == seq[:-1]:
                        scores[r, seq[-1]] = neg
        return scores

    def _step(self, gen: list[int], b: int, remaining: int) -> int | None:
        missing = [term for term in self.required[b] if not any(_contains(gen, alt) for alt in term)]
        if not missing:
            return None
        need = sum(len(self._preferred(term)) for term in missing)
        urgent = remaining <= need + 1  # only just room left for the missing terms
        best_k, best_next = 0, None
        for term in missing:  # continue a term that has been started (longest started prefix wins)
            for alt in term:
                for k in range(min(len(alt) - 1, len(gen)), 0, -1):
                    # a lone word-boundary piece is not a start, unless we forced it in ourselves
                    if gen[-k:] == alt[:k] and (urgent or not (k == 1 and alt[0] == self.space)):
                        if k > best_k:
                            best_k, best_next = k, alt[k]
                        break
        if best_next is not None:
            return best_next
        if urgent:
            return self._preferred(missing[0])[0]
        return None

    def _preferred(self, term: list[list[int]]) -> list[int]:
        """The sequence to force in: the shortest form, with its word-boundary piece if it has one."""
        return min(term, key=lambda alt: (len(alt) - (alt[0] == self.space), alt[0] != self.space))
