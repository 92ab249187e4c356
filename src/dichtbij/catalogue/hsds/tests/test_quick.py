import time, cProfile, pstats
from dichtbij.catalogue.hsds.importer import catalogue_import_file
from dichtbij.catalogue.hsds.synthetic import synthetic_catalogue_write

def test_quick(shared_path, amersfoort, tmp_path):
    path = tmp_path / "syn.json"
    with path.open("w") as f:
        synthetic_catalogue_write(stream=f, services=5000, seed=3)
    t = time.perf_counter()
    prof = cProfile.Profile()
    prof.enable()
    catalogue_import_file(path=path, reindex=False)
    prof.disable()
    print("import 5000", time.perf_counter() - t)
    pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
