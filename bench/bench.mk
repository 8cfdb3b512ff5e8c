# Benchmarks (not run by make check): fetch throughput, latency, memory.
