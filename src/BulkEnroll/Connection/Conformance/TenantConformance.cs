using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Devices;
using BulkEnroll.Neurons;

namespace BulkEnroll.Connection.Conformance;

/// <summary>
/// Test-BulkEnrollTenant's checks, in order, each one assumption of docs/reference/ivanti-api.md that the module
/// relies on. Strictly read-only: GETs, plus one PUT to updateAccount with an empty form (no account, no device:
/// there is nothing it could reassign) to learn whether the endpoint exists.
/// </summary>
internal sealed class TenantConformance
{
    private const string DevicesPath = "api/v1/device";
    private readonly TenantProbe _probe;

    // Learned by earlier checks, used by later ones.
    private long _unfilteredTotal = -1;
    private readonly List<JsonElement> _genericUsers = new List<JsonElement>();
    private JsonElement? _bulkDevice;
    private string? _serial;

    public TenantConformance(BulkEnrollConnection connection, CancellationToken cancellationToken)
        => _probe = new TenantProbe(connection, cancellationToken);

    public async IAsyncEnumerable<TenantCheckResult> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var checks = new Func<Task<TenantCheckResult>>[]
        {
            AuthenticationAsync, DeviceSpaceAsync, PagingEnvelopeAsync, GenericUserSearchAsync, RowsLimitAsync, FilterByUidAsync,
            UserLookupAsync, FilterByEnrollerAsync, FilterByRegistrationStateAsync, DeviceFieldsAsync, SerialNumberSourceAsync,
            FilterBySerialNumberAsync, ReassignmentStatusFieldAsync, AssignmentEndpointAsync,
        };
        foreach (Func<Task<TenantCheckResult>> check in checks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await check().ConfigureAwait(false);
        }

        yield return RateLimitHeaders();
    }

    private async Task<TenantCheckResult> AuthenticationAsync()
    {
        const string path = "api/v1/tenant/partition/device";
        ProbeResponse with = await _probe.GetAsync(path).ConfigureAwait(false);
        ProbeResponse without = await _probe.GetAsync(path, authenticate: false).ConfigureAwait(false);
        string received = $"with credentials {with.Status}; without {without.Status}"
            + (without.Challenge == null ? string.Empty : $" (WWW-Authenticate: {without.Challenge})");
        return with.Ok
            ? Result("Authentication", TenantCheckStatus.Passed, with.Sent + " with Basic, and once without credentials", received,
                "Sends the API user's Basic credentials with every request, never waiting for a challenge.")
            : Result("Authentication", TenantCheckStatus.Failed, with.Sent + " with Basic", received,
                "Every call fails. Use an API user (Users > Add > API User) without multi-factor authentication, with User Management and Device Management.");
    }

    private async Task<TenantCheckResult> DeviceSpaceAsync()
    {
        ProbeResponse spaces = await _probe.GetAsync("api/v1/tenant/partition/device").ConfigureAwait(false);
        ProbeResponse metadata = await _probe.GetAsync("api/v1/metadata/tenant").ConfigureAwait(false);
        IReadOnlyList<JsonElement> rows = spaces.Rows ?? Array.Empty<JsonElement>();
        bool listed = rows.Any(r => TenantProbe.Long(r, "id") == _probe.SpaceId);
        var defaults = rows.Where(r => r.TryGetProperty("defaultPartition", out JsonElement d) && d.ValueKind == JsonValueKind.True).ToList();
        long? metadataDefault = metadata.Result is JsonElement m ? TenantProbe.Long(m, "defaultDmPartitionId") : null;
        string received = $"{TenantProbe.Count(spaces)}, {defaults.Count} marked defaultPartition"
            + (defaults.Count == 1 ? $" (id {TenantProbe.Long(defaults[0], "id")})" : string.Empty)
            + $"; metadata {metadata.Status}, defaultDmPartitionId {metadataDefault?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"}";
        bool agree = defaults.Count == 1 && (metadataDefault == null || metadataDefault == TenantProbe.Long(defaults[0], "id"));
        TenantCheckStatus status = !listed ? TenantCheckStatus.Failed : agree ? TenantCheckStatus.Passed : TenantCheckStatus.Unknown;
        return Result("DeviceSpace", status, TenantProbe.Lines(spaces, metadata), received,
            listed
                ? $"Sends dmPartitionId={_probe.SpaceId} ('{_probe.SpaceName}') with every device call; Connect-BulkEnroll without -DeviceSpace takes the one marked defaultPartition."
                : $"The connection's device space {_probe.SpaceId} is not listed: device calls will fail. Connect again with -DeviceSpace.");
    }

    private async Task<TenantCheckResult> PagingEnvelopeAsync()
    {
        ProbeResponse first = await _probe.DevicesAsync(null, 2).ConfigureAwait(false);
        ProbeResponse second = await _probe.DevicesAsync(null, 1, start: 1).ConfigureAwait(false);
        _unfilteredTotal = first.TotalCount ?? -1;
        bool envelope = first.Rows != null && first.TotalCount != null && second.Rows != null
            && first.Body is JsonElement b && b.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Null;
        TenantCheckStatus status;
        string detail;
        if (!envelope)
        {
            status = TenantCheckStatus.Failed;
            detail = "not the {errors, result{totalCount, searchResults}} envelope";
        }
        else if (first.Rows!.Count < 2 || second.Rows!.Count < 1)
        {
            status = TenantCheckStatus.Unknown;
            detail = "too few devices in the space to see start at work";
        }
        else
        {
            long? secondOfFirst = TenantProbe.Long(first.Rows[1], "id");
            long? firstOfSecond = TenantProbe.Long(second.Rows![0], "id");
            status = secondOfFirst != null && secondOfFirst == firstOfSecond ? TenantCheckStatus.Passed : TenantCheckStatus.Failed;
            detail = $"start=1 began at device {firstOfSecond}, the second row of start=0 is {secondOfFirst}";
        }

        return Result("PagingEnvelope", status, TenantProbe.Lines(first, second), $"{TenantProbe.Count(first)}; {TenantProbe.Count(second)}; {detail}",
            status == TenantCheckStatus.Failed
                ? "Listings would repeat or skip devices: do not rely on Get-BulkEnrolledDevice or Set-DeviceAssignment by name or serial number."
                : "Pages every listing with rows/start sorted by id, up to totalCount, several pages at once after the first.");
    }

    private async Task<TenantCheckResult> GenericUserSearchAsync()
    {
        ProbeResponse search = await _probe.AccountsAsync(GenericUser.Prefix, null, NeuronsClient.MaxPageSize).ConfigureAwait(false);
        IReadOnlyList<JsonElement> rows = search.Rows ?? Array.Empty<JsonElement>();
        _genericUsers.AddRange(rows.Where(r => GenericUser.IsGeneric(Upn(r))));
        int others = rows.Count - _genericUsers.Count;
        string received = $"{TenantProbe.Count(search)}: {_genericUsers.Count} generic, {others} other(s)";
        if (search.Rows == null)
        {
            return Result("GenericUserSearch", TenantCheckStatus.Failed, search.Sent, received,
                "Get-BulkEnrollUser, Get-BulkEnrolledDevice and Set-DeviceAssignment cannot find the generic users.");
        }

        return _genericUsers.Count > 0
            ? Result("GenericUserSearch", TenantCheckStatus.Passed, search.Sent, received,
                $"Finds generic users with q={GenericUser.Prefix} and keeps only UIDs that start with it.")
            : Result("GenericUserSearch", TenantCheckStatus.Unknown, search.Sent, received,
                "No generic user found: create one with New-BulkEnrollUser and run the test again (the device checks need one that enrolled a PC).");
    }

    private async Task<TenantCheckResult> RowsLimitAsync()
    {
        // The generic-user search above asked for rows=500, as every module listing does.
        ProbeResponse atLimit = _probe.Seen.Last(r => r.Sent.StartsWith("GET /api/v1/account?q=", StringComparison.Ordinal));
        ProbeResponse over = await _probe.DevicesAsync(null, NeuronsClient.MaxPageSize + 1).ConfigureAwait(false);
        bool accepted = atLimit.Rows != null && atLimit.Rows.Count <= NeuronsClient.MaxPageSize;
        bool refused = over.StatusCode == 400 && over.Errors.Any(e => e.StartsWith("rows:", StringComparison.OrdinalIgnoreCase));
        TenantCheckStatus status = !accepted ? TenantCheckStatus.Failed : refused ? TenantCheckStatus.Passed : TenantCheckStatus.Unknown;
        return Result("RowsLimit", status, TenantProbe.Lines(atLimit, over), $"rows=500: {atLimit.Status}; rows=501: {TenantProbe.Count(over)}",
            accepted
                ? "Asks for at most 500 rows per page; when a page comes back shorter (a list capped at 50), pages by that size instead."
                : "rows=500 is refused: every listing fails; this tenant's limit differs from the documented 500.");
    }

    private async Task<TenantCheckResult> FilterByUidAsync()
    {
        if (_genericUsers.Count == 0)
        {
            return NoGenericUser("FilterByUid");
        }

        string upn = Upn(_genericUsers[0]);
        string absent = "bulkenroll-test-absent-" + Guid.NewGuid().ToString("N").Substring(0, 8) + "@invalid.example";
        ProbeResponse hit = await _probe.AccountsAsync(null, "UID=" + upn, 10).ConfigureAwait(false);
        ProbeResponse miss = await _probe.AccountsAsync(null, "UID=" + absent, 10).ConfigureAwait(false);
        bool exact = hit.Rows is { Count: > 0 } rows && rows.All(r => TenantProbe.Equal(Upn(r), upn));
        bool empty = miss.Rows is { Count: 0 };
        return Result("FilterByUid", exact && empty ? TenantCheckStatus.Passed : TenantCheckStatus.Failed, TenantProbe.Lines(hit, miss),
            $"'{upn}': {TenantProbe.Count(hit)}; an absent UID: {TenantProbe.Count(miss)} ('@' sent as %40, '=' as %3D)",
            exact && empty
                ? "Looks users up with fq=UID=<upn>, the query escaped with Uri.EscapeDataString."
                : "User lookups return the wrong accounts: Set-DeviceAssignment and New-BulkEnrollUser cannot trust them.");
    }

    private async Task<TenantCheckResult> UserLookupAsync()
    {
        if (_genericUsers.Count == 0)
        {
            return NoGenericUser("UserLookup");
        }

        // A CSV often spells a UPN in another case than the tenant; the module sends it as written.
        string upn = Upn(_genericUsers[0]).ToUpperInvariant();
        long? id = TenantProbe.Long(_genericUsers[0], "id");
        ProbeResponse lookup = await _probe.AccountsAsync(null, "UID=" + upn, 10).ConfigureAwait(false);
        bool found = lookup.Rows?.Any(r => TenantProbe.Long(r, "id") == id) == true;
        return Result("UserLookup", found ? TenantCheckStatus.Passed : TenantCheckStatus.Failed, lookup.Sent,
            $"{TenantProbe.Count(lookup)}; account {id} {(found ? "found" : "not found")} by its UID in upper case",
            found
                ? "Resolves each target UPN once per run and matches the UID case-insensitively."
                : "A UPN written in another case than the tenant's is reported UserNotFound: write UPNs in the CSV as the tenant has them.");
    }

    private async Task<TenantCheckResult> FilterByEnrollerAsync()
    {
        if (_genericUsers.Count == 0)
        {
            return NoGenericUser("FilterByEnroller");
        }

        // The module's own filter (DeviceFilters): spaces and '=' in fq. The first generic users that enrolled a PC.
        var sent = new List<ProbeResponse>();
        bool allMatch = true;
        foreach (JsonElement user in _genericUsers.Take(5))
        {
            long id = TenantProbe.Long(user, "id") ?? 0;
            ProbeResponse page = await _probe.DevicesAsync(DeviceFilters.WindowsEnrolledBy(id).ToString(), 50).ConfigureAwait(false);
            sent.Add(page);
            IReadOnlyList<JsonElement> rows = page.Rows ?? Array.Empty<JsonElement>();
            allMatch &= page.Rows != null && rows.All(r => TenantProbe.Long(r, "enrollerId") == id
                && TenantProbe.Equal(TenantProbe.Field(r, "platformType"), DeviceFilters.WindowsPlatformType));
            JsonElement? active = rows.Cast<JsonElement?>().FirstOrDefault(r => RegistrationStates.IsActive(TenantProbe.Field(r!.Value, "registrationState")));
            if (active != null || rows.Count > 0)
            {
                _bulkDevice = active ?? rows[0];
                break;
            }
        }

        ProbeResponse last = sent[sent.Count - 1];
        string received = string.Join("; ", sent.Select(TenantProbe.Count)) + $" (unfiltered: {_unfilteredTotal})";
        TenantCheckStatus status = !allMatch ? TenantCheckStatus.Failed : _bulkDevice == null ? TenantCheckStatus.Unknown : TenantCheckStatus.Passed;
        return Result("FilterByEnroller", status, TenantProbe.Lines(sent.ToArray()), received,
            status switch
            {
                TenantCheckStatus.Passed => "Lists each generic user's Windows devices with fq=enrollerId=<id> and platformType=WINDOWS_PHONE.",
                TenantCheckStatus.Failed => "The filter returns other devices: Get-BulkEnrolledDevice would list PCs that were not bulk enrolled.",
                _ => $"No generic user has enrolled a Windows PC yet (looked at {sent.Count}): the device checks below cannot run.",
            });
    }

    private async Task<TenantCheckResult> FilterByRegistrationStateAsync()
    {
        // The form Get-BulkEnrolledDevice -RegistrationState sends for two states; ACTIVE rows would betray an ignored filter.
        string[] states = { RegistrationStates.RetirePending, RegistrationStates.Retired };
        ProbeResponse page = await _probe.DevicesAsync(new FilterBuilder().AnyOf("registrationState", states).ToString(), 50).ConfigureAwait(false);
        bool allMatch = page.Rows != null && page.Rows.All(r => states.Contains(TenantProbe.Field(r, "registrationState"), StringComparer.OrdinalIgnoreCase));
        return Result("FilterByRegistrationState", allMatch ? TenantCheckStatus.Passed : TenantCheckStatus.Failed, page.Sent,
            $"{TenantProbe.Count(page)} (unfiltered: {_unfilteredTotal}); {(allMatch ? "every row in those states" : "rows in other states")}",
            allMatch
                ? "Filters registration states on the server (ACTIVE unless -RegistrationState says otherwise), several joined with 'or'."
                : "The state filter is not applied: retired PCs may be listed; Set-DeviceAssignment still refuses devices that are not ACTIVE.");
    }

    private async Task<TenantCheckResult> DeviceFieldsAsync()
    {
        if (DeviceId is not long id)
        {
            return NoDevice("DeviceFields");
        }

        ProbeResponse device = await _probe.DeviceAsync(id).ConfigureAwait(false);
        string[] required = { "id", "deviceName", "platformType", "registrationState", "uid", "ownerId", "enrollerId" };
        var missing = device.Result is JsonElement r ? required.Where(f => !TenantProbe.Has(r, f)).ToList() : required.ToList();
        if (device.Result is JsonElement found)
        {
            _bulkDevice = found;
        }

        return Result("DeviceFields", missing.Count == 0 ? TenantCheckStatus.Passed : TenantCheckStatus.Failed, device.Sent,
            device.Status + (missing.Count == 0 ? ", " + string.Join(", ", required) + " present" : "; missing: " + string.Join(", ", missing)),
            missing.Count == 0
                ? "Tells bulk-enrolled devices by enrollerId, the current owner by uid and ownerId, and assigns only ACTIVE ones."
                : "Devices missing these fields are not recognised as bulk enrolled or cannot be verified after assignment.");
    }

    private async Task<TenantCheckResult> SerialNumberSourceAsync()
    {
        if (DeviceId is not long id)
        {
            return NoDevice("SerialNumberSource");
        }

        ProbeResponse inventory = await _probe.DeviceAsync(id, "hardwareinventory").ConfigureAwait(false);
        _serial = inventory.Result is JsonElement r && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("computerSystemProduct", out JsonElement product)
            ? TenantProbe.Field(product, "identifyingNumber")
            : null;
        bool found = !string.IsNullOrWhiteSpace(_serial);
        TenantCheckStatus status = found ? TenantCheckStatus.Passed : inventory.StatusCode == 404 ? TenantCheckStatus.Unknown : TenantCheckStatus.Failed;
        return Result("SerialNumberSource", status, inventory.Sent,
            inventory.Status + (found ? $", computerSystemProduct.identifyingNumber '{_serial}'" : ", no computerSystemProduct.identifyingNumber"),
            status switch
            {
                TenantCheckStatus.Passed => "Reads Windows serial numbers from hardware inventory (device records carry none).",
                TenantCheckStatus.Unknown => "This device has reported no inventory yet; run again once it has checked in.",
                _ => "Serial numbers cannot be read: -IncludeSerialNumber shows none and CSV rows by serial number are not found; use device names or ids.",
            });
    }

    private async Task<TenantCheckResult> FilterBySerialNumberAsync()
    {
        if (string.IsNullOrWhiteSpace(_serial) || !FilterBuilder.CanSend(_serial!))
        {
            return Result("FilterBySerialNumber", TenantCheckStatus.Unknown, "nothing", "no serial number to look for (see SerialNumberSource)",
                "Finds a serial number by free-text search first, then confirms it in hardware inventory.");
        }

        ProbeResponse filtered = await _probe.DevicesAsync(new FilterBuilder().Equal("serialNumber", _serial!).ToString(), 10).ConfigureAwait(false);
        ProbeResponse text = await _probe.DevicesAsync(DeviceFilters.Windows().ToString(), 20, text: _serial).ConfigureAwait(false);
        bool consistent = filtered.Rows != null && filtered.Rows.All(r => TenantProbe.Equal(TenantProbe.Field(r, "serialNumber"), _serial));
        bool textFound = text.Rows?.Any(r => TenantProbe.Long(r, "id") == DeviceId) == true;
        return Result("FilterBySerialNumber", consistent && text.Rows != null ? TenantCheckStatus.Passed : TenantCheckStatus.Failed, TenantProbe.Lines(filtered, text),
            $"fq=serialNumber: {TenantProbe.Count(filtered)}; q=<serial>: {TenantProbe.Count(text)}, the device {(textFound ? "among them" : "not among them")}",
            consistent && text.Rows != null
                ? "Finds a serial number by free-text search (device names often hold it), confirms it in hardware inventory, and reads the inventory of the generic users' devices only when that finds nothing."
                : "Serial-number lookups return wrong devices: name devices by -Id in the CSV.");
    }

    private async Task<TenantCheckResult> ReassignmentStatusFieldAsync()
    {
        if (_bulkDevice is not JsonElement device)
        {
            return NoDevice("ReassignmentStatusField");
        }

        // Optional [GAP]: the JSON name is a guess; absent means the module verifies by the owner fields alone.
        bool named = device.TryGetProperty("lastReassignmentStatus", out JsonElement statusValue);
        bool counter = TenantProbe.Has(device, "changeOwnerCounter");
        string received = (named ? $"lastReassignmentStatus present ({(statusValue.ValueKind == JsonValueKind.Null ? "null" : statusValue.ToString())})" : "no lastReassignmentStatus") + (counter ? ", changeOwnerCounter present" : ", no changeOwnerCounter");
        // Records without the field are a variant the module handles (it is only written after a first reassignment on
        // some tenants): with changeOwnerCounter an assignment is still verified, so only the lack of both is unknown.
        TenantCheckStatus status = named || counter ? TenantCheckStatus.Passed : TenantCheckStatus.Unknown;
        return Result("ReassignmentStatusField", status, $"(the device read by DeviceFields)", received,
            named
                ? "Reports a reassignment the tenant marks FAILED at once; otherwise the owner fields decide success."
                : counter
                    ? "Verifies each assignment by ownerId/uid and a rising changeOwnerCounter; a failed asynchronous reassignment shows as a timeout."
                    : "Verifies each assignment by ownerId/uid alone; a failed asynchronous reassignment shows as a timeout.");
    }

    private async Task<TenantCheckResult> AssignmentEndpointAsync()
    {
        // An empty form names no account and no device: whatever the tenant does with it, nothing can be reassigned.
        // A GET is no test: on the real API GET /device/{id} would take "updateAccount" for an id and answer 404.
        ProbeResponse put = await _probe.SendAsync(HttpMethod.Put, DevicesPath + "/updateAccount", null, Array.Empty<KeyValuePair<string, string>>()).ConfigureAwait(false);
        TenantCheckStatus status = put.StatusCode switch
        {
            400 => TenantCheckStatus.Passed,
            >= 200 and < 300 => TenantCheckStatus.Unknown,
            _ => TenantCheckStatus.Failed,
        };
        return Result("AssignmentEndpoint", status, put.Sent, put.Status,
            status switch
            {
                TenantCheckStatus.Passed => "The endpoint exists and validates its input: Set-DeviceAssignment sends accountId and up to 10 deviceIds per call.",
                TenantCheckStatus.Unknown => "The endpoint accepted an empty request; Set-DeviceAssignment reads every device back to verify each assignment.",
                _ when put.StatusCode == 401 || put.StatusCode == 403 => "The API user may not reassign devices: grant it Device Management in this device space.",
                _ => "No assignment endpoint at this path: Set-DeviceAssignment cannot work on this tenant.",
            });
    }

    private TenantCheckResult RateLimitHeaders()
    {
        var headers = _probe.Seen.SelectMany(r => r.RateLimitHeaders).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Key + ": " + g.Last().Value).ToList();
        int throttled = _probe.Seen.Count(r => r.StatusCode == 429);
        int bare = _probe.Seen.Count(r => r.StatusCode == 429 && !r.RateLimitHeaders.Any(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)));
        string received = (headers.Count == 0 ? $"no rate-limit headers on {_probe.Seen.Count} answers" : string.Join(", ", headers))
            + (throttled == 0 ? string.Empty : $"; {throttled} answer(s) 429, {bare} without Retry-After");
        return Result("RateLimitHeaders", bare == 0 ? TenantCheckStatus.Passed : TenantCheckStatus.Failed, $"(the {_probe.Seen.Count} requests above)", received,
            bare == 0
                ? "Learns the rate from 429 answers and waits as Retry-After says; -MaxRequestsPerSecond sets a ceiling in advance."
                : "429 without Retry-After: the module backs off exponentially with jitter; set -MaxRequestsPerSecond below the limit.");
    }

    private long? DeviceId => _bulkDevice is JsonElement d ? TenantProbe.Long(d, "id") : null;

    private static string Upn(JsonElement account)
    {
        string uid = TenantProbe.Field(account, "uid");
        return uid.Length > 0 ? uid : TenantProbe.Field(account, "emailAddress");
    }

    private static TenantCheckResult NoGenericUser(string check)
        => Result(check, TenantCheckStatus.Unknown, "nothing", "no generic user to look up (see GenericUserSearch)",
            "Create a generic user with New-BulkEnrollUser and run the test again.");

    private static TenantCheckResult NoDevice(string check)
        => Result(check, TenantCheckStatus.Unknown, "nothing", "no bulk-enrolled Windows device to read (see FilterByEnroller)",
            "Enroll one PC with a package (New-BulkEnrollPackage) and run the test again.");

    private static TenantCheckResult Result(string check, TenantCheckStatus status, string sent, string received, string action)
        => new TenantCheckResult { Check = check, Result = status, Sent = sent, Received = received, ModuleAction = action };
}
