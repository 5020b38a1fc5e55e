using Observatory.Core.Workloads;

namespace Observatory.Tests.Support;

/// <summary>Writes small real C workloads (with a workload.toml) into a temp corpus for the tests to build and run.</summary>
public static class TestWorkloads
{
    /// <summary>A corpus folder with bench.h copied in, so workloads include "../bench.h" as in the real corpus.</summary>
    public static string NewCorpus(TempDirectory dir)
    {
        var corpus = dir.Combine("workloads");
        Directory.CreateDirectory(corpus);
        File.Copy(Path.Combine(Repo.Workloads, "bench.h"), Path.Combine(corpus, "bench.h"));
        return corpus;
    }

    public static WorkloadManifest Add(string corpus, string name, string cSource, string args = "[]", string extra = "")
    {
        var d = Path.Combine(corpus, name);
        Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(d, "main.c"), cSource);
        File.WriteAllText(Path.Combine(d, "workload.toml"), $"""
            name = "{name}"
            category = "kernel"
            language = "c"
            sources = ["main.c"]
            {extra}
            [profiles]
            quick = {args}
            """);
        return WorkloadManifestLoader.Load(Path.Combine(d, "workload.toml"));
    }

    /// <summary>Sums 1..n inside the bench region and prints it: same bytes on every engine.</summary>
    public const string Sum = """
        #include <stdio.h>
        #include <stdlib.h>
        #include "../bench.h"
        int main(int argc, char **argv) {
            long long n = argc > 1 ? atoll(argv[1]) : 1000;
            volatile long long s = 0;
            bench_start();
            for (long long i = 1; i <= n; i++) s += i;
            bench_end();
            printf("sum %lld\n", (long long)s);
            return 0;
        }
        """;

    /// <summary>Touches 64 MiB of linear memory: the size at which Node 20/22 crashed with concurrent GC.</summary>
    public const string BigMemory = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        int main(void) {
            size_t n = 64u << 20;
            unsigned char *p = malloc(n);
            memset(p, 1, n);
            unsigned s = 0;
            for (size_t i = 0; i < n; i += 4096) s += p[i];
            printf("%u\n", s);
            return 0;
        }
        """;

    /// <summary>Traps in wasm (unreachable); natively __builtin_trap raises SIGILL.</summary>
    public const string Trap = """
        #include <stdio.h>
        int main(void) { printf("before\n"); fflush(stdout); __builtin_trap(); return 0; }
        """;

    /// <summary>Prints something else in wasm than natively: a wrong answer, fast.</summary>
    public const string Differs = """
        #include <stdio.h>
        int main(void) {
        #if defined(__wasm__)
            printf("42\n");
        #else
            printf("43\n");
        #endif
            return 0;
        }
        """;

    /// <summary>Never finishes.</summary>
    public const string Spin = """
        int main(void) { volatile int x = 0; for (;;) x++; return x; }
        """;
}
