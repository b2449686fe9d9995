using System.Management.Automation;

namespace BulkEnroll.Commands
{
    [Cmdlet(VerbsCommon.Get, "BulkEnrollConnection")]
    public sealed class GetBulkEnrollConnectionCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            WriteObject(typeof(Polly.ResiliencePipeline).Assembly.FullName);
        }
    }
}
