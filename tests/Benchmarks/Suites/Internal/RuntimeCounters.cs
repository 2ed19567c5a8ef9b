using System.Runtime;

namespace Benchmarks.Suites.Internal;

/// <summary>
/// The benchmark process's own runtime counters (the dev network runs in it): JIT and GC time,
/// allocations, thread-pool work items and lock contentions. Differences over a load's window, divided
/// by its transactions, show what each costs beyond its CPU time: task hops, allocations, contention.
/// </summary>
internal readonly record struct RuntimeCounters(
    TimeSpan JitTime,
    long JitMethods,
    TimeSpan GcPause,
    long AllocatedBytes,
    long WorkItems,
    long LockContentions,
    int Gen0,
    int Gen1,
    int Gen2)
{
    /// <summary>The counters now.</summary>
    public static RuntimeCounters Capture() => new(
        System.Runtime.JitInfo.GetCompilationTime(),
        System.Runtime.JitInfo.GetCompiledMethodCount(),
        GC.GetTotalPauseDuration(),
        GC.GetTotalAllocatedBytes(),
        ThreadPool.CompletedWorkItemCount,
        Monitor.LockContentionCount,
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2));

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static RuntimeCounters operator -(RuntimeCounters after, RuntimeCounters before) => new(
        after.JitTime - before.JitTime,
        after.JitMethods - before.JitMethods,
        after.GcPause - before.GcPause,
        after.AllocatedBytes - before.AllocatedBytes,
        after.WorkItems - before.WorkItems,
        after.LockContentions - before.LockContentions,
        after.Gen0 - before.Gen0,
        after.Gen1 - before.Gen1,
        after.Gen2 - before.Gen2);

    /// <summary>Whether this process runs the server garbage collector (for the report's conditions).</summary>
    public static string GcMode => (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? ", non-concurrent" : ", concurrent");
}
