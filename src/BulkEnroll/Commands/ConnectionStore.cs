using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace BulkEnroll.Commands
{
    /// <summary>
    /// The current connection of each runspace. Keyed by runspace (not static) so parallel runspaces, jobs and
    /// Pester containers never see each other's session; the entry dies with its runspace.
    /// </summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, Holder> Connections = new ConditionalWeakTable<Runspace, Holder>();

        public static BulkEnrollConnection? Current
        {
            get
            {
                Runspace? runspace = Runspace.DefaultRunspace;
                return runspace != null && Connections.TryGetValue(runspace, out Holder? holder) ? holder.Connection : null;
            }
        }

        public static void Set(BulkEnrollConnection? connection)
        {
            Runspace? runspace = Runspace.DefaultRunspace;
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
}
