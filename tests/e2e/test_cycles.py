"""No cycle between files: the link graph of ogi's objects (issue 16).

Reads every object under BUILD/obj with nm: a file that uses a symbol
another file defines depends on that file. A cycle (a.c needs b.c, which
needs a.c) means neither can be understood, tested or moved alone; the
test fails and prints each cycle found, file by file.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import OGI, finish, test  # noqa: E402

OBJ = os.path.join(os.path.dirname(os.path.abspath(OGI)), "obj")
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src")


def symbols(path):
    """(defined, undefined) global symbols of one object."""
    out = subprocess.run(["nm", "-P", path], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            undefined.add(name)
        elif kind.isupper() or kind in ("v", "w"):  # global: data, text, bss, weak
            defined.add(name)
    return defined, undefined


def link_graph(root):
    """{file: set of files it uses}, files named relative to root."""
    objects = []
    for folder, _, names in os.walk(root):
        objects += [os.path.join(folder, n) for n in names if n.endswith(".o")]
    # an object left from a source since removed is not part of ogi (generated
    # sources, such as templates_data.c, live beside obj/, not under it in src/)
    objects = [p for p in objects if os.path.dirname(p) == root or
               os.path.exists(os.path.join(SRC, os.path.relpath(p, root)[:-2] + ".c"))]
    defined_by, uses = {}, {}
    for path in sorted(objects):
        name = os.path.relpath(path, root)[:-2] + ".c"
        defined, undefined = symbols(path)
        for s in defined:
            defined_by.setdefault(s, name)
        uses[name] = undefined
    return {f: {defined_by[s] for s in u if s in defined_by and defined_by[s] != f}
            for f, u in uses.items()}


def cycles(graph):
    """The strongly connected components with more than one file (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        # iterative: a deep chain must not hit Python's recursion limit
        work = [(v, iter(sorted(graph.get(v, ()))))]
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        while work:
            node, edges = work[-1]
            for w in edges:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def describe(graph, comp):
    """Each file of a cycle with the files of the cycle it uses."""
    members = set(comp)
    return "\n".join(f"  {f} -> {', '.join(sorted(graph[f] & members))}" for f in comp)


@test
def the_finder_sees_a_cycle():
    """The check itself can fail: a made-up graph with a loop is caught."""
    graph = {"a.c": {"b.c"}, "b.c": {"c.c"}, "c.c": {"a.c"}, "d.c": {"a.c"}, "e.c": set()}
    assert cycles(graph) == [["a.c", "b.c", "c.c"]], cycles(graph)
    assert cycles({"a.c": {"b.c"}, "b.c": set()}) == []


@test
def the_graph_is_read_from_the_objects():
    graph = link_graph(OBJ)
    assert len(graph) > 20, f"few objects under {OBJ}: {sorted(graph)}"
    # main.c dispatches to the commands, so it must be seen using them
    main = next(f for f in graph if f.endswith("cli/main.c"))
    assert any(f.endswith("cli_check.c") for f in graph[main]), graph[main]


@test
def no_cycle_between_files():
    graph = link_graph(OBJ)
    found = cycles(graph)
    assert not found, "cycles between files:\n" + "\n\n".join(describe(graph, c) for c in found)


finish()
