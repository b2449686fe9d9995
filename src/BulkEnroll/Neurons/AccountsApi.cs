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
    private readonly NeuronsClient _client;

    public AccountsApi(NeuronsClient client) => _client = client;

    /// <summary>The account whose UID is exactly <paramref name="uid"/> (case-insensitive), or null.</summary>
    public async Task<AccountRecord?> FindByUidAsync(string uid, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder().Add("fq", "UID=" + uid);
        SearchPage<AccountRecord> page = await _client.GetPageAsync<AccountRecord>(
            "api/v1/account", query, 0, 10, $"looking up the user '{uid}'", cancellationToken).ConfigureAwait(false);
        return page.SearchResults?.FirstOrDefault(a => string.Equals(a.PrincipalName, uid, StringComparison.OrdinalIgnoreCase));
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
    /// Deletes accounts. "Delete Users" is listed in the guide but its URI is not readable [GAP]; the shape used
    /// here (<c>DELETE /api/v1/accounts?accountIds=</c>) is our best inference and lives only in this method.
    /// </summary>
    public Task<int> DeleteAsync(long accountId, string uid, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder().Add("accountIds", accountId);
        return _client.SendFormAsync<int>(HttpMethod.Delete, "api/v1/accounts", query, Array.Empty<KeyValuePair<string, string>>(),
            idempotent: true, $"deleting the user '{uid}'", cancellationToken);
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
