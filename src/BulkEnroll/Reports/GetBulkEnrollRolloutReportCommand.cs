using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Devices;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Reports;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// How far the rollout is: per generic user and in total, the devices enrolled, assigned, waiting, being reassigned,
/// failed and retired, from the device listing Get-BulkEnrolledDevice uses; with -HtmlPath also a self-contained page.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BulkEnrollRolloutReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(RolloutProgress))]
public sealed class GetBulkEnrollRolloutReportCommand : ConnectedCmdlet
{
    private readonly List<string> _patterns = new();
    private GenericUserDirectory? _users;
    private string? _htmlFile;

    /// <summary>Generic user(s) to report on; every one when left out. Wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("UPN", "EnrolledBy")]
    [ArgumentCompleter(typeof(Completion.GenericUserCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? UserPrincipalName { get; set; }

    /// <summary>Also write the report as one self-contained HTML page to this file (replaced if it exists).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HtmlPath { get; set; }

    /// <summary>Requests in flight at once for device pages.</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void BeginProcessing()
    {
        if (HtmlPath != null)
        {
            // Resolved on the pipeline thread against the current location, as Out-File does; a missing folder fails before anything is read.
            _htmlFile = SessionState.Path.GetUnresolvedProviderPathFromPSPath(HtmlPath);
            string? folder = Path.GetDirectoryName(_htmlFile);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                ThrowTerminatingError(new BulkEnrollException("HtmlFolderNotFound", ErrorCategory.ObjectNotFound,
                    $"The folder '{folder}' for -HtmlPath does not exist.", HtmlPath).ToErrorRecord());
            }
        }

        base.BeginProcessing();
    }

    protected override async Task BeginProcessingAsync(CancellationToken cancellationToken)
        => _users = await GenericUserDirectory.LoadAsync(ActiveConnection, cancellationToken).ConfigureAwait(false);

    // Names from the pipeline are gathered: the report is one summary of all of them, with one total row.
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (UserPrincipalName != null)
        {
            _patterns.AddRange(UserPrincipalName);
        }

        return Task.CompletedTask;
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? patterns = _patterns.Count == 0 ? null : _patterns;
        IReadOnlyList<AccountRecord> enrollers = _users!.Matching(patterns);
        var tally = new RolloutTally();
        foreach (AccountRecord enroller in enrollers)
        {
            tally.AddUser(enroller.PrincipalName);
        }

        // Every registration state: retired devices are part of the story, not noise.
        var query = new DeviceQuery(null, null, null, null, new[] { RegistrationStates.All }, null, null);
        foreach (AccountRecord enroller in enrollers)
        {
            EmitVerbose($"Reading devices enrolled by {enroller.PrincipalName} (fq: {query.ServerFilter(enroller)}).");
        }

        var progress = new ProgressRecord(1, "Reading the rollout", $"{enrollers.Count} generic user(s)");
        long seen = 0;
        await foreach ((AccountRecord enroller, DeviceRecord record) in EnrolledDeviceListing.ReadAsync(ActiveConnection, enrollers, query, ThrottleLimit, cancellationToken).ConfigureAwait(false))
        {
            tally.Add(DeviceMapper.ToDevice(record, enroller));
            if (++seen % 500 == 0)
            {
                progress.StatusDescription = $"{seen} devices read";
                EmitProgress(progress);
            }
        }

        progress.RecordType = ProgressRecordType.Completed;
        EmitProgress(progress);
        foreach (string name in _users.Unknown(patterns))
        {
            EmitError("UserNotFound", ErrorCategory.ObjectNotFound, $"There is no generic user '{name}' in the tenant.", name);
        }

        IReadOnlyList<RolloutProgress> rows = tally.Rows();
        foreach (RolloutProgress row in rows)
        {
            Emit(row);
        }

        if (_htmlFile != null && await ShouldProcessOnPipelineAsync(_htmlFile, "Write the rollout report (HTML)").ConfigureAwait(false))
        {
            string page = RolloutHtmlWriter.Write(rows, tally.Timeline(), tally.UndatedDevices, ActiveConnection.TenantUri.Host,
                ActiveConnection.DeviceSpaceName, DateTime.UtcNow);
            try
            {
                File.WriteAllText(_htmlFile, page, new UTF8Encoding(false));
                EmitVerbose($"Rollout report written to {_htmlFile}.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                EmitError("HtmlWriteFailed", ErrorCategory.WriteError, $"The report could not be written to '{_htmlFile}': {e.Message}", HtmlPath);
            }
        }
    }
}
