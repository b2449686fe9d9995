using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Neurons;

/// <summary>User (account) calls (docs/reference/ivanti-api.md#search-accounts to #delete-accounts).</summary>
internal sealed class AccountsApi
{
    // Not a number, so no account has it: a delete path that exists refuses it (400) and deletes nothing.
    private const string ProbeAccountId = "probe";

    private readonly NeuronsClient _client;
    private readonly ApiVariants _variants;

    public AccountsApi(NeuronsClient client, ApiVariants? variants = null)
    {
        _client = client;
        _variants = variants ?? new ApiVariants();
    }

    /// <summary>The account whose UID is exactly <paramref name="uid"/> (case-insensitive), or null.</summary>
    public async Task<AccountRecord?> FindByUidAsync(string uid, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder().Add("fq", "UID=" + uid);
        SearchPage<AccountRecord> page = await _client.GetPageAsync<AccountRecord>(
            "api/v1/account", query, 0, 10, $"looking up the user '{uid}'", cancellationToken).ConfigureAwait(false);
        return page.SearchResults?.FirstOrDefault(a => string.Equals(a.PrincipalName, uid, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The accounts whose UID is one of <paramref name="uids"/>, in one query (<c>fq=(UID=a or UID=b)</c>), and how
    /// many matched. Whether the tenant takes the or-form for UIDs is not confirmed [I]: a 400 says it does not
    /// (the caller remembers that, <see cref="ApiVariants.OrFilters"/>). Matches are compared exactly by the caller.
    /// </summary>
    public async Task<(long Total, IReadOnlyList<AccountRecord> Records)> FindByUidsAsync(IReadOnlyCollection<string> uids, int rows, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder().Add("fq", new FilterBuilder().AnyOf("UID", uids).ToString());
        SearchPage<AccountRecord> page = await _client.GetPageAsync<AccountRecord>(
            "api/v1/account", query, 0, rows, $"looking up {uids.Count} user(s)", cancellationToken).ConfigureAwait(false);
        return (page.TotalCount, (IReadOnlyList<AccountRecord>?)page.SearchResults ?? Array.Empty<AccountRecord>());
    }

    /// <summary>Free-text search over accounts (<c>q</c>), every page.</summary>
    public IAsyncEnumerable<AccountRecord> SearchAsync(string text, int parallelPages, CancellationToken cancellationToken)
    {
        QueryBuilder query = new QueryBuilder().Add("q", text).SortBy("id");
        return _client.SearchAsync<AccountRecord>("api/v1/account", query, parallelPages, $"searching users for '{text}'", cancellationToken);
    }

    /// <summary>
    /// Creates a local account with a password. The body of "Create User with Password" is not readable in the
    /// guide [GAP]; this is the inferred shape of docs/reference/ivanti-api.md#create-account-with-password: the documented <c>accounts[0].*</c> fields plus
    /// <c>accounts[0].password</c>, sendInvite=false. Not retried when the outcome is unknown: the caller looks the
    /// UID up instead, so a lost answer never creates the user twice.
    /// </summary>
    public async Task<AccountRecord> CreateAsync(NewAccount account, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("accounts[0].uid", account.Uid),
            new KeyValuePair<string, string>("accounts[0].emailAddress", account.Uid),
            new KeyValuePair<string, string>("accounts[0].firstName", account.FirstName),
            new KeyValuePair<string, string>("accounts[0].lastName", account.LastName),
            new KeyValuePair<string, string>("accounts[0].displayName", account.DisplayName),
            new KeyValuePair<string, string>("accounts[0].accountSource", "LOCAL"),
            new KeyValuePair<string, string>("accounts[0].password", account.Password),
        };
        var query = new QueryBuilder().Add("sendInvite", "false");
        JsonElement result = await _client.SendFormAsync<JsonElement>(HttpMethod.Post, "api/v1/accounts", query, form,
            idempotent: false, $"creating the user '{account.Uid}'", cancellationToken).ConfigureAwait(false);
        JsonElement created = result.ValueKind == JsonValueKind.Array && result.GetArrayLength() > 0 ? result[0] : result;
        return created.Deserialize<AccountRecord>(Json.Options) ?? throw NeuronsApiException.Malformed($"creating the user '{account.Uid}'", new FormatException("No account in the result."));
    }

    /// <summary>
    /// Sets a new password on an account. "Update User Account" is listed in the guide but its body is not readable
    /// [GAP]; the inferred shape (docs/reference/ivanti-api.md#change-account-password) is the create call's form with
    /// PUT: <c>accounts[0].id</c> and <c>accounts[0].password</c>. Setting the same password twice is harmless, so a
    /// lost answer may be retried.
    /// </summary>
    public Task<JsonElement> SetPasswordAsync(long accountId, string uid, string password, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("accounts[0].id", accountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new KeyValuePair<string, string>("accounts[0].password", password),
        };
        return _client.SendFormAsync<JsonElement>(HttpMethod.Put, "api/v1/accounts", new QueryBuilder(), form,
            idempotent: true, $"setting a new password for '{uid}'", cancellationToken);
    }

    /// <summary>
    /// Deletes an account. "Delete Users" is listed in the guide but its URI is not readable [GAP]: our inference is
    /// <c>DELETE /api/v1/accounts?accountIds=</c>, public client code sends <c>DELETE /api/v1/account?id=</c>. The
    /// first delete on a connection finds out which path the tenant has (<see cref="DetectDeleteRouteAsync"/>).
    /// </summary>
    public async Task DeleteAsync(long accountId, string uid, CancellationToken cancellationToken)
    {
        AccountDeleteRoute route = await _variants.DeleteRouteAsync(() => DetectDeleteRouteAsync(cancellationToken)).ConfigureAwait(false);
        await SendDeleteAsync(route, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"deleting the user '{uid}'", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an id that is not a number on the plural path, then if that path is missing on the singular one.
    /// Nothing can be deleted by it; a path that exists judges the id (400, even 200), while 404 or 405 says the path
    /// itself is not there (reference §11: prefer the singular when the plural answers 404/405).
    /// </summary>
    private async Task<AccountDeleteRoute> DetectDeleteRouteAsync(CancellationToken cancellationToken)
    {
        foreach (AccountDeleteRoute candidate in new[] { AccountDeleteRoute.Plural, AccountDeleteRoute.Singular })
        {
            try
            {
                await SendDeleteAsync(candidate, ProbeAccountId, "checking which path deletes users", cancellationToken).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (IsMissingPath(e))
            {
                ClientLog.Verbose($"API variant: {PathOf(candidate)} answered {(int)e.StatusCode!.Value}: the tenant does not delete users there.");
                continue;
            }
            catch (NeuronsApiException e) when (e.StatusCode.HasValue && (int)e.StatusCode.Value < 500 && (int)e.StatusCode.Value != 401)
            {
                // The path exists: it judged the (unknown) id.
            }

            ClientLog.Verbose($"API variant: the tenant deletes users with {PathOf(candidate)}.");
            return candidate;
        }

        ClientLog.Verbose($"API variant: neither delete path answered; keeping {PathOf(AccountDeleteRoute.Plural)}, whose error will show.");
        return AccountDeleteRoute.Plural;
    }

    private static bool IsMissingPath(NeuronsApiException e)
        => e.StatusCode is System.Net.HttpStatusCode.MethodNotAllowed or System.Net.HttpStatusCode.NotFound;

    private static string PathOf(AccountDeleteRoute route)
        => route == AccountDeleteRoute.Singular ? "DELETE /api/v1/account?id=" : "DELETE /api/v1/accounts?accountIds=";

    private Task<JsonElement> SendDeleteAsync(AccountDeleteRoute route, string accountId, string operation, CancellationToken cancellationToken)
    {
        QueryBuilder query = route == AccountDeleteRoute.Singular
            ? new QueryBuilder().Add("id", accountId)
            : new QueryBuilder().Add("accountIds", accountId);
        string path = route == AccountDeleteRoute.Singular ? "api/v1/account" : "api/v1/accounts";
        return _client.SendFormAsync<JsonElement>(HttpMethod.Delete, path, query, Array.Empty<KeyValuePair<string, string>>(),
            idempotent: true, operation, cancellationToken);
    }
}

internal sealed class NewAccount
{
    public NewAccount(string uid, string firstName, string lastName, string displayName, string password)
    {
        Uid = uid;
        FirstName = firstName;
        LastName = lastName;
        DisplayName = displayName;
        Password = password;
    }

    public string Uid { get; }

    public string FirstName { get; }

    public string LastName { get; }

    public string DisplayName { get; }

    public string Password { get; }

    public override string ToString() => Uid;
}
