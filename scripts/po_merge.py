"""Merge gettext catalogues by msgid: a git merge driver for translations/*.po (.gitattributes names it
`po`), since a text merge of two branches that each added entries in sorted order conflicts, and git's
`union` driver interleaves their lines. Enable it once per clone:

    git config merge.po.driver ".venv/bin/python scripts/po_merge.py %O %A %B"

As a driver: po_merge.py BASE OURS THEIRS (writes OURS). With --out FILE BASE A B C...: merge any number of
sides against BASE into FILE. An entry changed on one side (added, retranslated or removed) wins over the
base; ours wins a tie. The result is sorted by msgid."""
import sys
from babel.messages.pofile import read_po, write_po

def load(path):
    with open(path, "rb") as f:
        return read_po(f, locale="zh")

def merge(base_path, out_path, sides):
    base = load(base_path)
    cats = [load(p) for p in sides]
    result = load(sides[0])
    base_ids = {m.id for m in base if m.id}
    for cat in cats[1:]:
        for m in cat:
            if not m.id:
                continue
            b = base.get(m.id, context=m.context)
            r = result.get(m.id, context=m.context)
            if r is None:
                result[m.id] = m
            elif b is not None and r.string == b.string and m.string != b.string:
                r.string = m.string   # Catalog.__setitem__ would keep the old string
        # removed on this side (present in base, missing here, unchanged in result)
        ids = {x.id for x in cat if x.id}
        for mid in base_ids - ids:
            r, b = result.get(mid), base.get(mid)
            if r is not None and b is not None and r.string == b.string:
                del result[mid]
    with open(out_path, "wb") as f:
        write_po(f, result, sort_output=True, width=10000, omit_header=False)

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "--out":
        merge(args[2], args[1], args[3:])
    else:
        base, ours, theirs = args[:3]
        merge(base, ours, [ours, theirs])
