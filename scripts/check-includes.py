#!/usr/bin/env python3
"""check-includes.py - no include circles between the files of one folder.

A module is a .c file with its header (calls.c and calls.h).  Module A
depends on module B of the same folder when A.c or A.h includes "B.h",
directly or through headers that have no .c of their own (a folder's
private header, such as engine_internal.h, only passes its includes on).
A circle of such dependencies (calls.c needs replies.h while replies.c
needs calls.h) means that files need each other: the folder's layering is
broken.  Prints every circle found and exits 1, or exits 0 when there is
none.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)\.h"', re.M)


def folder_graph(folder):
    """Module -> the modules it depends on, header-only files passed through."""
    includes = {}
    for name in sorted(os.listdir(folder)):
        stem, ext = os.path.splitext(name)
        if ext in ('.c', '.h'):
            with open(os.path.join(folder, name), encoding='utf-8') as f:
                found = {h for h in INCLUDE.findall(f.read())
                         if os.path.exists(os.path.join(folder, h + '.h'))}
            includes.setdefault((stem, ext), set()).update(found)
    modules = {stem for stem, ext in includes if ext == '.c'}

    def reach(header, seen):
        """The modules header HEADER brings in, through header-only files."""
        if header in modules:
            return {header}
        if header in seen:
            return set()
        seen.add(header)
        out = set()
        for h in includes.get((header, '.h'), ()):
            out |= reach(h, seen)
        return out

    graph = {}
    for m in modules:
        deps = set()
        for ext in ('.c', '.h'):
            for h in includes.get((m, ext), ()):
                deps |= reach(h, set())
        graph[m] = deps - {m}
    return graph


def circles(graph):
    """Every strongly connected set of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main(root):
    bad = 0
    for folder, _, _ in sorted(os.walk(root)):
        for group in circles(folder_graph(folder)):
            print(f'{folder}: include circle among {", ".join(group)}')
            bad = 1
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'src'))
