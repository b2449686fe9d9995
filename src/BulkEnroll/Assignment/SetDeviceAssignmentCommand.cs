using System;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Assignment;
using BulkEnroll.Runtime;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// Assigns bulk-enrolled devices to their real users ("Assign to User" in the Ivanti UI). Devices come from
/// Get-BulkEnrolledDevice, from a CSV (Import-Csv rows bind by column name), or by -Id/-SerialNumber/-Name.
/// </summary>
[Cmdlet(VerbsCommon.Set, "DeviceAssignment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DeviceAssignmentResult))]
[OutputType(typeof(DeviceAssignmentSummary))]
public sealed class SetDeviceAssignmentCommand : ConnectedCmdlet, IAssignmentSink
{
    // The columns each parameter binds from (its name and aliases), read from the attributes so they cannot drift apart.
    private static readonly string[] IdColumns = ColumnsOf(nameof(Id));
    private static readonly string[] SerialColumns = ColumnsOf(nameof(SerialNumber));
    private static readonly string[] NameColumns = ColumnsOf(nameof(Name));
    private static readonly string[] UserColumns = ColumnsOf(nameof(UserPrincipalName));
    private static readonly string[] DeviceColumns = IdColumns.Concat(SerialColumns).Concat(NameColumns).ToArray();

    private AssignmentEngine? _engine;
    private AssignmentSummaryCollector? _summary;
    private DateTime _lastProgress;
    private int _rowNumber;

    /// <summary>A device from Get-BulkEnrolledDevice, a CSV row, a device name or an id.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceId", "Device Id")]
    public long? Id { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Serial", "Serial Number", "SerialNo", "Device Serial Number", "Service Tag", "ServiceTag")]
    [ArgumentCompleter(typeof(Completion.DeviceSerialCompleter))]
    public string? SerialNumber { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("DeviceName", "Device Name", "ComputerName", "Computer Name", "Hostname")]
    [ArgumentCompleter(typeof(Completion.DeviceNameCompleter))]
    public string? Name { get; set; }

    /// <summary>The real user who gets the device.</summary>
    // Not Mandatory and not validated by PowerShell: a row without it (a ';'-separated file read with ',', an empty
    // cell, a renamed column) then gets an error that names the row and the fix instead of the binder's generic one,
    // and the other rows still run.
    [Parameter(ValueFromPipelineByPropertyName = true)]
    // Not "AssignedTo": Get-BulkEnrolledDevice objects have that property (the current owner), and binding it
    // would quietly "assign" each device to the user it already has.
    [Alias("User", "UPN", "EmailAddress", "Email", "Mail", "Assigned User", "AssignedUser", "User Principal Name")]
    [ArgumentCompleter(typeof(Completion.TenantUserCompleter))]
    public string? UserPrincipalName { get; set; }

    /// <summary>Batches sent at once.</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Devices per request to the tenant (the Ivanti UI's limit is 10).</summary>
    [Parameter]
    [ValidateRange(1, AssignmentOptions.MaxBatchSize)]
    public int BatchSize { get; set; } = AssignmentOptions.MaxBatchSize;

    /// <summary>Return once the tenant accepted each request; do not wait for the reassignment to finish.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>How long to wait for each reassignment to finish.</summary>
    [Parameter]
    [Seconds]
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Write one DeviceAssignmentSummary at the end instead of one result per device (for a nightly task's log and exit code).</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    /// <summary>Report a serial number or name the tenant does not know as a DeviceNotFound error instead of NotEnrolledYet.</summary>
    [Parameter]
    public SwitchParameter NotEnrolledAsError { get; set; }

    protected override void BeginProcessing()
    {
        ValidateDuration(nameof(WaitTimeout), WaitTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24), "1 second and 24 hours");
        // Given on the command line, an empty user is a bad parameter for every row, as PowerShell's own validation
        // would say; only a row's empty cell (bound later, from the pipeline) is that row's error.
        if (MyInvocation.BoundParameters.ContainsKey(nameof(UserPrincipalName)) && string.IsNullOrWhiteSpace(UserPrincipalName))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-UserPrincipalName is empty: give the UPN of the user who gets the devices, such as adele.vance@contoso.com."),
                "ParameterArgumentValidationError", ErrorCategory.InvalidArgument, UserPrincipalName));
        }

        base.BeginProcessing();
    }

    protected override async Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        GenericUserDirectory users = await GenericUserDirectory.LoadAsync(ActiveConnection, cancellationToken).ConfigureAwait(false);
        EmitVerbose($"The tenant has {users.Users.Count} generic {GenericUser.Prefix}* user(s); devices they enrolled can be assigned.");
        var options = new AssignmentOptions
        {
            ThrottleLimit = ThrottleLimit,
            BatchSize = BatchSize,
            NoWait = NoWait,
            WaitTimeout = WaitTimeout,
            MaxSendAttempts = ActiveConnection.MaxRetryCount + 1,
            NotEnrolledAsError = NotEnrolledAsError,
            BatchLinger = ActiveConnection.BatchLinger,
        };
        _summary = Summary ? new AssignmentSummaryCollector() : null;
        _engine = new AssignmentEngine(ActiveConnection, users, this, options, cancellationToken);
    }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        InputRow? row = null;
        if (InputObject != null)
        {
            _rowNumber++;
            row = InputRow.IsRow(InputObject) ? new InputRow(InputObject, _rowNumber) : null;
        }

        if (row != null && row.IsBlank)
        {
            EmitVerbose($"Row {row.Number} is empty (a blank line at the end of a spreadsheet?): skipped.");
            return Task.CompletedTask;
        }

        object? input = InputObject?.BaseObject;
        var device = input as BulkEnrolledDevice;
        // Bare values piped in: a number is a device id, any other text a device name.
        long? id = Id ?? (input is long || input is int ? Convert.ToInt64(input, System.Globalization.CultureInfo.InvariantCulture) : (long?)null);
        string? serial = Given(SerialNumber) ?? row?.Value(SerialColumns);
        string? name = Given(Name) ?? (input is string text ? text : null) ?? row?.Value(NameColumns);
        string? user = Given(UserPrincipalName) ?? row?.Value(UserColumns);
        var request = new AssignmentRequest(InputObject ?? (object?)Id ?? serial ?? name, device, id, serial, name, user ?? string.Empty);
        // A row's id cell is read as written, even when PowerShell bound it: the binder turns '1.5' into device 2.
        string? idText = device == null ? row?.Value(IdColumns) : null;
        if (idText != null)
        {
            if (!long.TryParse(idText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long parsed))
            {
                // PowerShell silently skips a CSV value it cannot convert; say so instead of "no device named".
                _engine!.Refuse(request, AssignmentFailure.InvalidDeviceId,
                    $"'{idText}' is not a device id: the Id/DeviceId column must hold the numeric id the tenant shows.");
                return Task.CompletedTask;
            }

            request = new AssignmentRequest(request.Source, device, parsed, serial, name, user ?? string.Empty);
        }

        if (user == null)
        {
            _engine!.Refuse(request, AssignmentFailure.UserNotGiven, row != null
                ? row.Explain("user", UserColumns, "Fill in each device's user, or give one user to all with -UserPrincipalName.")
                : $"No user for device {request.Describe()}: give -UserPrincipalName, the user who gets it.");
            return Task.CompletedTask;
        }

        if (row != null && device == null && request.Id == null && serial == null && name == null)
        {
            _engine!.Refuse(request, AssignmentFailure.DeviceNotIdentified,
                row.Explain("device", DeviceColumns, "Add a SerialNumber, Name or Id column."));
            return Task.CompletedTask;
        }

        return _engine!.SubmitAsync(request);
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        await _engine!.CompleteAsync().ConfigureAwait(false);
        EmitProgress(new ProgressRecord(1, "Assigning devices", "Done") { RecordType = ProgressRecordType.Completed });
        EmitVerbose($"Set-DeviceAssignment: {_engine.Counters} in {_engine.Counters.Batches} batch(es).");
        if (_summary != null)
        {
            Emit(_summary.ToSummary());
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _engine?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string[] ColumnsOf(string parameter)
    {
        PropertyInfo property = typeof(SetDeviceAssignmentCommand).GetProperty(parameter)!;
        return new[] { parameter }.Concat(property.GetCustomAttribute<AliasAttribute>()?.AliasNames ?? Enumerable.Empty<string>()).ToArray();
    }

    void IAssignmentSink.Report(DeviceAssignmentResult result, ErrorRecord? error)
    {
        if (error != null)
        {
            EmitError(error);
        }

        if (_summary != null)
        {
            _summary.Add(result);
            return;
        }

        Emit(result);
    }

    void IAssignmentSink.Verbose(string message) => EmitVerbose(message);

    void IAssignmentSink.Progress(AssignmentCounters counters)
    {
        DateTime now = DateTime.UtcNow;
        if (now - _lastProgress < TimeSpan.FromMilliseconds(250))
        {
            return;
        }

        _lastProgress = now;
        EmitProgress(new ProgressRecord(1, "Assigning devices", counters.ToString()));
    }

    Task<bool> IAssignmentSink.ShouldProcessAsync(string target, string action) => ShouldProcessOnPipelineAsync(target, action);
}
