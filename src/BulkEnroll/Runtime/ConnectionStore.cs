using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace BulkEnroll.Commands;

/// <summary>
/// The current connection of each runspace. Keyed by runspace (not static) so parallel runspaces, jobs and
/// Pester containers never see each other's session; the entry dies with its runspace. Cmdlets pass the
/// runspace they captured on the pipeline thread: async work on the thread pool has no default runspace.
/// </summary>
internal static class ConnectionStore
{
    private static readonly ConditionalWeakTable<Runspace, Holder> Connections = new ConditionalWeakTable<Runspace, Holder>();

    public static BulkEnrollConnection? Get(Runspace? runspace)
        => runspace != null && Connections.TryGetValue(runspace, out Holder? holder) ? holder.Connection : null;

    public static void Set(Runspace? runspace, BulkEnrollConnection? connection)
    {
        if (runspace != null)
        {
            Connections.GetValue(runspace, _ => new Holder()).Connection = connection;
        }
    }

    private sealed class Holder
    {
        public BulkEnrollConnection? Connection { get; set; }
    }
}
