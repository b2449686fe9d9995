using System;
using System.Threading;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Counts <see cref="PackageDefinitionValidator"/> passes made in the calling flow (and the tasks and threads it
/// starts), so a test can prove that building a package validates its definition once. Nothing counts unless a
/// caller started counting; parallel tests each see their own passes only.
/// </summary>
internal static class ValidationPassCounter
{
    private static readonly AsyncLocal<Counter?> Current = new();

    public static Counter Start()
    {
        var counter = new Counter();
        Current.Value = counter;
        return counter;
    }

    internal static void Passed() => Current.Value?.Add();

    internal sealed class Counter : IDisposable
    {
        private int _passes;

        public int Passes => Volatile.Read(ref _passes);

        internal void Add() => Interlocked.Increment(ref _passes);

        public void Dispose()
        {
            if (ReferenceEquals(Current.Value, this))
            {
                Current.Value = null;
            }
        }
    }
}
