using BenchmarkDotNet.Running;

// Per-call and per-instantiation cost of the in-process engines: Wasmtime's .NET API versus
// the observatory's own wasm.h P/Invoke layer over the same libwasmtime.so.
//   dotnet run -c Release --project bench/Observatory.Benchmarks -- --job short --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Observatory.Benchmarks.HostToWasmCall).Assembly).Run(args);
