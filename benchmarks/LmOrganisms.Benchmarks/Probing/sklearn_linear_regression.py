"""Times scikit-learn's LinearRegression on 1,000,000 x 256 float32 features and 3 targets: the reference for
ProbingBenchmarks (docs/performance.md, ## Probing). Not used by the tests.

Run: /usr/bin/python3 benchmarks/LmOrganisms.Benchmarks/Probing/sklearn_linear_regression.py [rows] [features]
(Debian: apt-get install -y python3-sklearn). Peak memory is the process's maximum resident set size.
"""
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
features = int(sys.argv[2]) if len(sys.argv) > 2 else 256
targets = 3

rng = np.random.default_rng(1)
x = rng.standard_normal((rows, features), dtype=np.float32)
w = rng.standard_normal((features, targets))
y = (x @ w.astype(np.float32)).astype(np.float64) + 0.1 * rng.standard_normal((rows, targets))
rss_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

times = []
for _ in range(3):
    t0 = time.perf_counter()
    model = LinearRegression().fit(x, y)
    times.append(time.perf_counter() - t0)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
err = np.abs(model.coef_.T - w).max()
print(f"sklearn {sklearn.__version__}, numpy {np.__version__}: LinearRegression.fit {rows} x {features} float32, "
      f"{targets} targets: times {', '.join(f'{t:.2f}' for t in times)} s (best {min(times):.2f} s); "
      f"peak RSS {rss:.0f} MiB (data alone {rss_data:.0f} MiB); max |coef - planted| {err:.2e}")
