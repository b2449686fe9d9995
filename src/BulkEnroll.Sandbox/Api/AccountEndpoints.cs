using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BulkEnroll.Sandbox.Api.Query;
using BulkEnroll.Sandbox.Middleware;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Api;

/// <summary>User accounts (docs/reference/ivanti-api.md#search-accounts to #delete-accounts): search on the singular path, create and delete on the plural.</summary>
internal static partial class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SandboxServices services)
    {
        app.MapGet("/api/v1/account", ctx => Search(ctx, services));
        app.MapPost("/api/v1/accounts", ctx => Create(ctx, services));
        app.MapPut("/api/v1/accounts", ctx => Update(ctx, services));
        app.MapDelete("/api/v1/accounts", ctx => Delete(ctx, services));
        app.MapDelete("/api/v1/account", ctx => DeleteSingular(ctx, services));
    }

    private static Task Search(HttpContext ctx, SandboxServices services)
    {
        var user = ApiUserContext.RequireUser(ctx);
        if (!user.CanReadAccounts)
        {
            throw ApiProblemException.Forbidden("Reading accounts needs User Management or User Read Only.");
        }

        var query = ListQuery.Parse(ctx.Request.Query, services.Controls.Current.RefuseOrFilters);
        long started = Stopwatch.GetTimestamp();
        var tenant = services.Tenant;
        bool omit = services.Controls.Current.OmitOptionalFields;
        var result = IndexedLookup(query, tenant) ?? services.AccountSearch.Run(query, "accounts", tenant.AccountVersion,
            AccountScan(query, tenant), _ => true, a => Projections.ToJson(a, omit));
        return ApiResponses.Ok(ctx, result.Page(query, started, a => Projections.ToJson(a, omit)));
    }

    // The module looks users up in batches (fq=(UID=a or UID=b ...)): those accounts come from the index; the filter
    // is still applied to them.
    private static Func<SandboxAccount[]> AccountScan(ListQuery query, TenantState tenant)
    {
        if (FqIndex.ValuesOf(query.Fq, "uid") is not { } uids)
        {
            return () => tenant.ScanAccounts().Accounts;
        }

        return () => uids.Select(tenant.FindAccountByUid).OfType<SandboxAccount>().Distinct().OrderBy(a => a.Id).ToArray();
    }

    // The module looks users up one by one (fq=UID=<upn> per CSV row); answer those from the indexes instead
    // of scanning every account. Same matching rule as the scan: equality ignoring case.
    private static Search<SandboxAccount, AccountJson>.Result? IndexedLookup(ListQuery query, TenantState tenant)
    {
        if (query.Q is not null || query.Fq is not FqTerm { Operator: FqOperator.Equal } term)
        {
            return null;
        }

        IReadOnlyList<SandboxAccount>? found =
            term.Field.Equals("uid", StringComparison.OrdinalIgnoreCase) ? (tenant.FindAccountByUid(term.Value) is { } a ? [a] : [])
            : term.Field.Equals("emailAddress", StringComparison.OrdinalIgnoreCase) ? tenant.FindAccountsByEmail(term.Value)
            : null;
        return found is null ? null : new Search<SandboxAccount, AccountJson>.Result(found.ToArray(), tenant.AccountCount);
    }

    // [I] "Create User with Password" is documented only by its title (docs/reference/ivanti-api.md#create-account-with-password). Shape used here:
    // form fields accounts[i].uid/emailAddress/firstName/lastName/displayName/password/accountSource for
    // i = 0..n; all are created or none (400 with a field error per bad field). The result is the created
    // account object when one account was sent, and an array of them when several were.
    private static async Task Create(HttpContext ctx, SandboxServices services)
    {
        var user = ApiUserContext.RequireUser(ctx);
        if (!user.CanWriteAccounts)
        {
            throw ApiProblemException.Forbidden("Creating accounts needs User Management.");
        }

        bool sendInvite = !string.Equals(ctx.Request.Query["sendInvite"].ToString(), "false", StringComparison.OrdinalIgnoreCase);
        var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted) : null;

        var byIndex = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (key, value) in form ?? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)[])
        {
            var m = AccountField().Match(key);
            if (!m.Success)
            {
                continue;
            }

            int index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!byIndex.TryGetValue(index, out var fields))
            {
                byIndex[index] = fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }

            fields[m.Groups[2].Value] = value.ToString().Trim();
        }
        if (byIndex.Count == 0)
        {
            throw ApiProblemException.Field("accounts", ErrorCodes.Required, "send at least accounts[0].uid and accounts[0].emailAddress");
        }

        var errors = new List<FieldError>();
        var drafts = new List<AccountDraft>();
        var draftIndexes = new List<int>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (index, fields) in byIndex)
        {
            string F(string name) => $"accounts[{index}].{name}";
            string? Get(string name) => fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
            int before = errors.Count;

            string? uid = Get("uid");
            if (uid is null)
            {
                errors.Add(new FieldError(ErrorCodes.Required, "may not be empty", F("uid")));
            }
            else if (!LooksLikeEmail(uid))
            {
                errors.Add(new FieldError(ErrorCodes.Email, "not a well-formed email address", F("uid")));
            }
            else if (!seen.Add(uid))
            {
                errors.Add(new FieldError(ErrorCodes.Duplicate, $"'{uid}' appears twice in this request", F("uid")));
            }

            string? email = Get("emailAddress") ?? uid; // [I] defaults to the uid, which the docs set equal to it
            if (Get("emailAddress") is { } e && !LooksLikeEmail(e))
            {
                errors.Add(new FieldError(ErrorCodes.Email, "not a well-formed email address", F("emailAddress")));
            }

            if (Get("accountSource") is { } source && !source.Equals("LOCAL", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(ErrorCodes.Invalid, "only LOCAL accounts can be created here", F("accountSource")));
            }

            string? password = fields.TryGetValue("password", out var p) ? p : null;
            if (password is not null && !PasswordPolicy.IsSatisfiedBy(password))
            {
                errors.Add(new FieldError(ErrorCodes.PasswordComplexity, PasswordPolicy.Description, F("password")));
            }

            if (errors.Count > before)
            {
                continue;
            }

            string first = Get("firstName") ?? "";
            string last = Get("lastName") ?? "";
            string display = Get("displayName") ?? ($"{first} {last}".Trim() is { Length: > 0 } n ? n : uid!);
            drafts.Add(new AccountDraft(uid!, email!, first, last, display, password, sendInvite ? "INVITED" : "NOT_INVITED"));
            draftIndexes.Add(index);
        }
        if (errors.Count > 0)
        {
            throw ApiProblemException.Fields(errors);
        }

        // [I] An existing uid is a 400 with code Duplicate on that account's uid field (docs/reference/ivanti-api.md#create-account-with-password: GAP).
        var duplicates = services.Tenant.TryCreateAccounts(drafts, user.UserName, out var created);
        if (duplicates.Count > 0)
        {
            throw ApiProblemException.Fields(duplicates
                .Select(i => new FieldError(ErrorCodes.Duplicate, $"an account with uid '{drafts[i].Uid}' already exists", $"accounts[{draftIndexes[i]}].uid"))
                .ToList());
        }
        bool omit = services.Controls.Current.OmitOptionalFields;
        object result = created.Count == 1 ? Projections.ToJson(created[0], omit) : created.Select(a => Projections.ToJson(a, omit)).ToList();
        await ApiResponses.Ok(ctx, result);
    }

    // [GAP] "Update User Account" exists in the guide (S5 TOC) but its URI and body are unknown
    // (docs/reference/ivanti-api.md#change-account-password). This sandbox defines it, here only, as the create call's
    // shape with PUT: form accounts[0].id=<accountId> and accounts[0].password=<new password>, answering the updated
    // account. The new password must meet the complexity setting (400 PasswordComplexity on accounts[0].password);
    // an unknown id is a 404. The old password stops working at once, for enrollment too.
    private static async Task Update(HttpContext ctx, SandboxServices services)
    {
        var user = ApiUserContext.RequireUser(ctx);
        if (!user.CanWriteAccounts)
        {
            throw ApiProblemException.Forbidden("Updating accounts needs User Management.");
        }

        var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted) : null;
        string? idText = form?["accounts[0].id"].ToString();
        if (string.IsNullOrWhiteSpace(idText))
        {
            throw ApiProblemException.Field("accounts[0].id", ErrorCodes.Required, "may not be empty");
        }

        if (!long.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
        {
            throw ApiProblemException.Field("accounts[0].id", ErrorCodes.Invalid, "not an account id");
        }

        string? password = form?["accounts[0].password"].ToString();
        if (string.IsNullOrEmpty(password))
        {
            throw ApiProblemException.Field("accounts[0].password", ErrorCodes.Required, "may not be empty");
        }

        if (!PasswordPolicy.IsSatisfiedBy(password))
        {
            throw ApiProblemException.Field("accounts[0].password", ErrorCodes.PasswordComplexity, PasswordPolicy.Description);
        }

        var updated = services.Tenant.TrySetPassword(id, password, user.UserName) ?? throw ApiProblemException.NotFound($"No account {id}.");
        await ApiResponses.Ok(ctx, Projections.ToJson(updated, services.Controls.Current.OmitOptionalFields));
    }

    // [GAP] "Delete Users" exists in the guide but its URI and body are unknown (docs/reference/ivanti-api.md#delete-accounts).
    // This sandbox defines it, here only, as DELETE /api/v1/accounts?accountIds=<id>[,<id>...] answering
    // {"errors":null,"result":<number deleted>}; any unknown id is a 404 and nothing is deleted.
    // [C] Deleting a user retires the devices registered to it: its ACTIVE owned devices go RETIRE_PENDING (they keep
    // their owner and enroller data); devices it enrolled that now belong to a real user are untouched.
    // The AccountDeletePath control turns either path off: it then answers 405 MethodNotAllowed, as the sandbox does
    // for any method a path does not take (GET /api/v1/account, POST /api/v1/accounts).
    private static Task Delete(HttpContext ctx, SandboxServices services)
    {
        if (services.Controls.Current.AccountDeletePath == AccountDeletePath.Singular)
        {
            throw MethodNotAllowed(ctx);
        }

        var ids = RequestValues.IdList(RequestValues.FormOrQuery(ctx, "accountIds"), "accountIds", services.Controls.Current.MultiIdForm);
        return DeleteIds(ctx, services, ids);
    }

    // [C-code, hinted] S19's DELETE /api/v1/account?id=<accountId>: one id, in the query string.
    private static Task DeleteSingular(HttpContext ctx, SandboxServices services)
    {
        if (services.Controls.Current.AccountDeletePath == AccountDeletePath.Plural)
        {
            throw MethodNotAllowed(ctx);
        }

        long id = RequestValues.RequiredLong(ctx.Request.Query["id"], "id");
        return DeleteIds(ctx, services, [id]);
    }

    private static ApiProblemException MethodNotAllowed(HttpContext ctx) => ApiProblemException.Global(
        StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, $"{ctx.Request.Method} is not supported at {ctx.Request.Path}.");

    private static Task DeleteIds(HttpContext ctx, SandboxServices services, IReadOnlyList<long> ids)
    {
        var user = ApiUserContext.RequireUser(ctx);
        if (!user.CanWriteAccounts)
        {
            throw ApiProblemException.Forbidden("Deleting accounts needs User Management.");
        }

        if (services.Tenant.TryDeleteAccounts(ids) is long missing)
        {
            throw ApiProblemException.NotFound($"No account {missing}.");
        }

        return ApiResponses.Ok(ctx, ids.Distinct().Count());
    }

    private static bool LooksLikeEmail(string s) => EmailShape().IsMatch(s);

    [GeneratedRegex(@"^accounts\[(\d{1,4})\]\.(\w+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccountField();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
