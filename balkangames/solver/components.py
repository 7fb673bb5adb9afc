"""Connected components of the equilibria and their maximal Nash subsets.

The extreme equilibria are the edges of a bipartite graph between row and column vertices;
its connected components are the equilibrium components and its maximal bicliques the
maximal Nash subsets (Avis, Rosenberg, Savani and von Stengel 2010).
"""

from __future__ import annotations

from .solution import EquilibriumComponent, _profile_order, _sorted_profiles
from .vertices import _Vertex


def _maximal_nash_subsets(edges: set[tuple[int, int]]) -> list[tuple[frozenset, frozenset]]:
    """Maximal bicliques of the bipartite graph ``edges`` (row vertex, column vertex).

    The column sets of maximal bicliques are exactly the nonempty intersections of row
    vertices' neighbourhoods; each determines its row set.
    """
    neighbours: dict[int, set[int]] = {}
    for x, y in edges:
        neighbours.setdefault(x, set()).add(y)
    family = {frozenset(ys) for ys in neighbours.values()}
    frontier = set(family)
    while frontier:
        new = set()
        for a in frontier:
            for b in family:
                meet = a & b
                if meet and meet not in family:
                    new.add(meet)
        family |= new
        frontier = new
    subsets = []
    for ys in family:
        xs = frozenset(x for x, nys in neighbours.items() if ys <= nys)
        subsets.append((xs, ys))
    return subsets


def _components(
    edges: list[tuple[int, int]], row_vertices: list[_Vertex], col_vertices: list[_Vertex]
) -> tuple[EquilibriumComponent, ...]:
    """Group extreme equilibria (vertex index pairs) into connected components."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for x, y in edges:
        parent[find(("x", x))] = find(("y", y))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for x, y in edges:
        groups.setdefault(find(("x", x)), []).append((x, y))
    components = []
    for group in groups.values():
        subsets = []
        for xs, ys in _maximal_nash_subsets(set(group)):
            row_mixes = tuple(sorted((row_vertices[x].mix for x in xs), reverse=True))
            col_mixes = tuple(sorted((col_vertices[y].mix for y in ys), reverse=True))
            subsets.append((row_mixes, col_mixes))
        subsets.sort(key=lambda s: (s[0][0], s[1][0]), reverse=True)
        profiles = _sorted_profiles((row_vertices[x].mix, col_vertices[y].mix) for x, y in group)
        components.append(EquilibriumComponent(profiles, tuple(subsets)))
    components.sort(key=lambda c: _profile_order(c.equilibria[0]))
    return tuple(components)
