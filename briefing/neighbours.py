"""Each row's most similar earlier rows (cosine of unit vectors): the similar pairs of a set of sentences.

Outlets that rewrite one fact often write the same bag of content words, so a corpus has far
fewer distinct vectors than sentences (10,000 synthetic articles: 174,944 unique sentences, 34,980
distinct vectors).  Similarities are computed between distinct vectors only (10 million products
instead of 73 million), in blocks of bounded size.  A row's ``limit`` best earlier rows are then
read off its vector's neighbours, most similar first: each neighbour vector offers its earliest
rows before the row (rows of one vector tie, and ties go to the lower row), and the walk stops once
``limit`` rows are offered, taking every neighbour tied with the last one.  The exact cut among
those candidates is made by partition (``best_per_row``), never by sorting all pairs: a fact
carried by many outlets has a quadratic number of similar pairs, but each row keeps ``limit``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# Each row keeps its MAX_NEIGHBOURS most similar earlier rows only: a fact repeated by hundreds
# of outlets would otherwise make the pairs quadratic.
MAX_NEIGHBOURS = 32

# Upper bound on the products of one block of distinct vectors (counted from the terms' document
# frequencies): ~2 million entries keep each block's arrays well under the 32 MB from which the C
# allocator maps fresh pages for every array (slow to fault in on this kind of machine).
PRODUCT_CELLS = 1 << 21

# Neighbours read per row in the walk's first round, doubled each round: most rows find their
# ``limit`` rows among their first few neighbours (their own vector's earlier rows first).
FIRST_WINDOW = 4

# Cells of the padded key matrix partitioned at once when cutting rows to MAX_NEIGHBOURS
# (8 bytes each: 32 MB), whatever the number of similar pairs.
PARTITION_CELLS = 1 << 22
# Each row's first SAMPLE_FACTOR x MAX_NEIGHBOURS similar pairs give a lower bound of its cut, raised
# FLOOR_ROUNDS times on the pairs left above it (more rounds gain little: what is left is mostly
# ties, cut by column).
SAMPLE_FACTOR = 4
FLOOR_ROUNDS = 3
# Columns fit 32 bits (the key's low half): far above any input.
COLUMN_MASK = (1 << 32) - 1


@dataclass(frozen=True, slots=True)
class Distinct:
    """Rows grouped by identical vector (ids in order of each vector's first row), rows ascending per vector."""

    rows: np.ndarray  # row numbers grouped by vector: vector v has rows[starts[v]:starts[v + 1]]
    starts: np.ndarray
    keys: np.ndarray  # vector * stride + row for every entry of rows: sorted, for counting rows before a row
    stride: int

    @property
    def first(self) -> np.ndarray:
        """Each vector's first row."""
        return self.rows[self.starts[:-1]]

    @property
    def last(self) -> np.ndarray:
        """Each vector's last row."""
        return self.rows[self.starts[1:] - 1]


@dataclass(frozen=True, slots=True)
class Neighbours:
    """Neighbour vectors of a block of vectors, each vector's most similar first; ties end at ``tie_end``."""

    starts: np.ndarray  # vector k of the block (local) has entries starts[k]:starts[k + 1]
    vectors: np.ndarray
    similarities: np.ndarray
    tie_end: np.ndarray  # per entry: end of the run of entries of its vector with the same similarity


def similar_pairs(vectors: sp.csr_matrix, threshold: float, limit: int = MAX_NEIGHBOURS,
                  cells: int = PRODUCT_CELLS) -> sp.csr_matrix:
    """Lower-triangular similarities >= threshold (row i, column j < i), the ``limit`` best per row.

    Best: highest similarity, then lowest column.  The same matrix as comparing every pair of rows,
    whatever the block size (``cells``).
    """
    n = vectors.shape[0]
    distinct = distinct_vectors(vectors)
    rows, cols, sims = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, vectors.dtype)]
    if len(distinct.rows):
        unit = sp.csr_matrix(vectors[distinct.first])
        transposed = sp.csr_matrix(unit.T)
        for start, stop in vector_blocks(unit, cells):
            found = block_neighbours(unit[start:stop], transposed, start, distinct, threshold)
            row, col, sim = block_pairs(found, distinct, start, stop, limit)
            rows.append(row)
            cols.append(col)
            sims.append(sim)
    return sp.csr_matrix((np.concatenate(sims), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def distinct_vectors(vectors: sp.csr_matrix) -> Distinct:
    """The input's rows grouped by identical stored row (indices and values); empty rows left out."""
    records = np.empty(vectors.nnz, dtype=[("index", vectors.indices.dtype), ("value", vectors.data.dtype)])
    records["index"], records["value"] = vectors.indices, vectors.data
    raw = records.tobytes()
    ends = (vectors.indptr * records.itemsize).tolist()
    ids: dict[bytes, int] = {}
    spans = zip(ends[:-1], ends[1:], strict=True)
    vector_of = np.fromiter((ids.setdefault(raw[a:b], len(ids)) if b > a else -1 for a, b in spans),
                            dtype=np.int64, count=vectors.shape[0])
    filled = np.flatnonzero(vector_of >= 0)
    order = np.argsort(vector_of[filled], kind="stable")
    starts = np.zeros(len(ids) + 1, dtype=np.int64)
    starts[1:] = np.cumsum(np.bincount(vector_of[filled], minlength=len(ids)))
    stride = vectors.shape[0] + 1
    return Distinct(filled[order], starts, vector_of[filled][order] * stride + filled[order], stride)


def vector_blocks(unit: sp.csr_matrix, cells: int = PRODUCT_CELLS) -> list[tuple[int, int]]:
    """Consecutive ranges of rows whose product with every row has at most ``cells`` entries (bound)."""
    frequency = np.bincount(unit.indices, minlength=unit.shape[1])
    reach = np.add.reduceat(frequency[unit.indices], unit.indptr[:-1]) if unit.nnz else np.zeros(unit.shape[0])
    blocks, first, total = [], 0, 0
    for k, size in enumerate(reach.tolist()):
        if total + size > cells and k > first:
            blocks.append((first, k))
            first, total = k, 0
        total += size
    blocks.append((first, unit.shape[0]))
    return blocks


def block_neighbours(block: sp.csr_matrix, transposed: sp.csr_matrix, offset: int, distinct: Distinct,
                     threshold: float) -> Neighbours:
    """Per vector of the block: the vectors as similar as ``threshold`` with a row before its last row."""
    product = sp.csr_matrix(block @ transposed)
    local = np.repeat(np.arange(block.shape[0]), np.diff(product.indptr))
    other = product.indices.astype(np.int64)
    keep = (product.data >= threshold) & (distinct.first[other] < distinct.last[local + offset])
    local, other, sim = local[keep], other[keep], product.data[keep]
    order = np.argsort(descending_keys(local, sim), kind="stable")
    local, other, sim = local[order], other[order], sim[order]
    starts = np.zeros(block.shape[0] + 1, dtype=np.int64)
    starts[1:] = np.cumsum(np.bincount(local, minlength=block.shape[0]))
    runs = np.flatnonzero(np.r_[True, (local[1:] != local[:-1]) | (sim[1:] != sim[:-1])])
    tie_end = np.repeat(np.r_[runs[1:], len(local)], np.diff(np.r_[runs, len(local)]))
    return Neighbours(starts, other, sim, tie_end)


def descending_keys(group: np.ndarray, value: np.ndarray) -> np.ndarray:
    """One int64 per entry ordering by group, then value from highest (exact for any float)."""
    if value.dtype == np.float32 and not np.signbit(value).any():
        rank = value.view(np.uint32).astype(np.int64)  # a non-negative float32's bits grow with it
    else:
        rank = np.unique(value, return_inverse=True)[1].astype(np.int64).ravel()
    return (group.astype(np.int64) << 32) | (np.int64(COLUMN_MASK) - rank)


def earlier_rows(distinct: Distinct, vector: np.ndarray, row: np.ndarray, limit: int) -> np.ndarray:
    """Per (vector, row) pair: how many of the vector's rows come before the row, at most ``limit``."""
    first, last = distinct.first[vector], distinct.last[vector]
    sizes = distinct.starts[vector + 1] - distinct.starts[vector]
    counts = np.where(last < row, np.minimum(sizes, limit), 0)
    split = np.flatnonzero((first < row) & (last >= row))
    if len(split):
        found = np.searchsorted(distinct.keys, vector[split] * distinct.stride + row[split])
        counts[split] = np.minimum(found - distinct.starts[vector[split]], limit)
    return counts


def block_pairs(found: Neighbours, distinct: Distinct, start: int, stop: int,
                limit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, columns and similarities of the best pairs of every row of the block's vectors."""
    rows = distinct.rows[distinct.starts[start]:distinct.starts[stop]]
    local = np.repeat(np.arange(stop - start), np.diff(distinct.starts[start:stop + 1]))
    ends = walk_ends(found, distinct, rows, local, limit)
    first = found.starts[local]
    owner, entry = spans(first, ends - first)
    vector = found.vectors[entry]
    counts = earlier_rows(distinct, vector, rows[owner], limit)
    owner, taken = spans(distinct.starts[vector], counts, owner)
    sim = np.repeat(found.similarities[entry], counts)
    cols = distinct.rows[taken]
    best = best_per_row(owner, cols, sim, limit)
    return rows[owner[best]], cols[best], sim[best]


def spans(starts: np.ndarray, sizes: np.ndarray, owners: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For ranges starts[k]:starts[k] + sizes[k]: each position's range (or ``owners[k]``), and the positions."""
    offsets = np.cumsum(sizes) - sizes
    owner = np.repeat(np.arange(len(sizes)) if owners is None else owners, sizes)
    return owner, np.repeat(starts - offsets, sizes) + np.arange(int(sizes.sum()))


def walk_ends(found: Neighbours, distinct: Distinct, rows: np.ndarray, local: np.ndarray, limit: int) -> np.ndarray:
    """Per row, the end of the shortest run of its vector's neighbours offering ``limit`` earlier rows.

    The run takes every neighbour tied with its last one; all of them when they offer fewer.
    Rounds read FIRST_WINDOW neighbours per row, doubling, for the rows not done yet.
    """
    position, ends = found.starts[local].copy(), found.starts[local + 1].copy()
    active = np.flatnonzero(position < ends)
    offered = np.zeros(len(rows), dtype=np.int64)
    window = FIRST_WINDOW
    while len(active):
        sizes = np.minimum(ends[active] - position[active], window)
        owner, entry = spans(position[active], sizes)
        counts = earlier_rows(distinct, found.vectors[entry], rows[active][owner], limit)
        running = np.cumsum(counts)
        before = running - counts
        total = running - np.repeat(before[np.cumsum(sizes) - sizes], sizes) + offered[active][owner]
        reached = np.flatnonzero(total >= limit)
        reached = reached[np.r_[True, owner[reached][1:] != owner[reached][:-1]]] if len(reached) else reached
        done = np.zeros(len(active), dtype=bool)
        done[owner[reached]] = True
        ends[active[owner[reached]]] = found.tie_end[entry[reached]]
        offered[active] = total[np.cumsum(sizes) - 1]
        position[active] += sizes
        active = active[~done & (position[active] < ends[active])]
        window *= 2
    return ends


def best_per_row(row: np.ndarray, col: np.ndarray, sim: np.ndarray, limit: int,
                 cells: int = PARTITION_CELLS) -> np.ndarray:
    """Mask of each row's ``limit`` best entries (highest similarity, then lowest column); rows sorted.

    Rows are cut by partitions of one sortable key per entry (linear per row), not by sorting every
    entry.  The best of each row's first SAMPLE_FACTOR x limit entries bound its cut from below
    (FLOOR_ROUNDS times).
    """
    counts = np.bincount(row) if len(row) else np.zeros(0, dtype=np.int64)
    if not len(counts) or counts.max() <= limit:
        return np.ones(len(row), dtype=bool)
    candidates = np.arange(len(row))
    left = counts
    for _ in range(FLOOR_ROUNDS):  # each round's floor: the limit-th best of the first pairs above the last
        over = np.flatnonzero(left > SAMPLE_FACTOR * limit)
        if not len(over):
            break
        floor = np.full(len(counts), -np.inf, dtype=sim.dtype)
        floor[over] = limit_best(sim[candidates], over, (np.cumsum(left) - left)[over],
                                 np.full(len(over), SAMPLE_FACTOR * limit), limit, cells)
        candidates = candidates[sim[candidates] >= floor[row[candidates]]]
        left = np.bincount(row[candidates], minlength=len(counts))
    keys = entry_keys(col[candidates], sim[candidates])
    over = np.flatnonzero(left > limit)
    cut = np.full(len(counts), -1, dtype=np.int64)
    cut[over] = limit_best(keys, over, (np.cumsum(left) - left)[over], left[over], limit, cells)
    best = np.zeros(len(row), dtype=bool)
    best[candidates[keys >= cut[row[candidates]]]] = True
    return best


def limit_best(keys: np.ndarray, rows: np.ndarray, starts: np.ndarray, sizes: np.ndarray, limit: int,
               cells: int) -> np.ndarray:
    """Per row, the ``limit``-th largest of its values keys[start:start + size] (each size > limit)."""
    out = np.empty(len(rows), dtype=keys.dtype)
    if not len(rows):
        return out
    order = np.argsort(sizes, kind="stable")  # rows of like width padded together
    for chunk in row_chunks(sizes[order], cells):
        picked = order[chunk]
        width = int(sizes[picked].max())
        local = np.repeat(np.arange(len(picked)), sizes[picked])
        position = np.arange(len(local)) - np.repeat(np.cumsum(sizes[picked]) - sizes[picked], sizes[picked])
        padded = np.full((len(picked), width), -np.inf if keys.dtype.kind == "f" else -1, dtype=keys.dtype)
        padded[local, position] = keys[starts[picked][local] + position]
        padded.partition(width - limit, axis=1)  # in place: np.partition would copy the matrix
        out[picked] = padded[:, width - limit]
    return out


def entry_keys(col: np.ndarray, sim: np.ndarray) -> np.ndarray:
    """One int64 per entry ordering it as the selection does: higher similarity first, then lower column.

    A non-negative float32's bit pattern grows with its value, so (bits << 32) | ~column is exact.
    """
    if sim.dtype == np.float32 and not np.signbit(sim).any():
        order = sim.view(np.uint32).astype(np.int64)
    else:  # dense ranks of the similarities: the same order, for any float type
        order = np.unique(sim, return_inverse=True)[1].astype(np.int64)
    return (order << 32) | (np.int64(COLUMN_MASK) - col.astype(np.int64))


def row_chunks(counts: np.ndarray, cells: int = PARTITION_CELLS) -> list[slice]:
    """Consecutive runs of rows whose padded key matrix (rows x widest row) stays within ``cells``."""
    chunks, first, widest = [], 0, 0
    for k, count in enumerate(counts.tolist()):
        widest = max(widest, count)
        if (k + 1 - first) * widest > cells and k > first:
            chunks.append(slice(first, k))
            first, widest = k, count
    chunks.append(slice(first, len(counts)))
    return chunks
