using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Qualis.Features.Registry.Enterprises;
using Qualis.Platform.Accounts;

namespace Qualis.Features.Registry.Accounts;

/// <summary>A letter (开户通知书) to one enterprise: how to sign in the first time.</summary>
public sealed record AccountLetter(string EnterpriseName, string CreditCode, string UserName, string Password);

/// <summary>What approving a claim came to.</summary>
public abstract record ApprovalOutcome
{
    /// <summary>The account is opened; its one-time password is shown this once.</summary>
    public sealed record Opened(AccountLetter Letter) : ApprovalOutcome;
    /// <summary>Someone decided the claim already (a double click, a colleague): nothing new is created.</summary>
    public sealed record AlreadyDecided(AccountClaim Claim) : ApprovalOutcome;
    /// <summary>The enterprise got an account meanwhile (a batch issue): the claim stays pending for a rejection with that reason.</summary>
    public sealed record HasAccount : ApprovalOutcome;
}

/// <summary>Two batch issues over the same firms at once: the later one stopped and wrote nothing.</summary>
public sealed class ConcurrentIssueException(Exception inner) : Exception("Another issue created some of these accounts at the same time.", inner);

/// <summary>
/// Opens enterprises' own accounts (企业用户): one at a claim's approval, or thousands in a batch issue over a filtered
/// list of the registry. Each account: user name from the credit code, a one-time password (shown only in the result),
/// the must-change flag, the enterprise's region, and <see cref="QualisUser.IssuedForEnterprise"/>, whose unique index
/// makes a second account for the same firm impossible whatever runs at the same time.
/// </summary>
public sealed class EnterpriseAccounts(QualisDb db, IDataProtectionProvider protection, ILookupNormalizer normalizer, TimeProvider clock)
{
    /// <summary>
    /// The most accounts one batch run opens, in one request: a larger filter is finished by running it again, which
    /// resumes with the firms still without an account. Measured per 1,000 accounts (hashing, the accounts and their
    /// audit entries in one transaction) on the shared 2-core test machine at a load average near 30: 6.5–7.9 s on
    /// SQLite, 12.9–14.8 s on PostgreSQL, of which hashing took about half.
    /// </summary>
    public const int MaxPerRun = 2_000;

    /// <summary>How long sealed letters stay for printing before they are destroyed unread.</summary>
    public static readonly TimeSpan LettersKeptFor = TimeSpan.FromDays(3);

    private const int SaveBatch = 500;

    private IDataProtector Letters => protection.CreateProtector("Qualis.Registry.AccountLetters");

    /// <summary>Enterprises of the filter (within the caller's area) with no enterprise account yet.</summary>
    public async Task<IQueryable<Enterprise>> WithoutAccountAsync(EnterpriseFilter filter)
    {
        var q = await filter.WhereAsync(db);
        return q.Where(e => !db.Users.Any(u => u.EnterpriseCode == e.CreditCode));
    }

    /// <summary>Whether an active enterprise account of this credit code exists, in any area.</summary>
    public Task<bool> HasAccountAsync(string creditCode) =>
        db.Users.OutsideArea(AreaReason.UniquenessCheck).AnyAsync(u => u.EnterpriseCode == creditCode && !u.IsDisabled);

    /// <summary>
    /// Opens the accounts of up to <see cref="MaxPerRun"/> firms of the filter that have none, in credit-code order,
    /// in one transaction (saved in batches), and keeps their letters sealed in the run it returns.
    /// </summary>
    /// Null when no firm of the filter is left without an account (a repeated click after the first run finished):
    /// no empty run is recorded.
    public async Task<AccountIssueRun?> IssueAsync(EnterpriseFilter filter, string filterText, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var firms = await (await WithoutAccountAsync(filter)).OrderBy(e => e.CreditCode).Take(MaxPerRun)
            .Select(e => new Firm(e.CreditCode, e.Name, e.RegionCode, e.RegionPath)).ToListAsync(ct);
        if (firms.Count == 0) return null;
        var names = await UserNamesAsync(firms.Select(f => f.CreditCode).ToList(), ct);
        var passwords = firms.Select(_ => OneTimePasswords.Generate()).ToArray();
        var users = firms.Select((f, i) => NewAccount(f, names[i])).ToArray();
        // PBKDF2 is the cost of a batch: spread it over the cores.
        Parallel.For(0, users.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => users[i].PasswordHash = OneTimePasswords.Hash(users[i], passwords[i]));
        var run = new AccountIssueRun
        {
            RegionPath = db.Actor.RegionPath ?? RegionInheritance.Root, Filter = filterText, Issued = users.Length,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = db.Actor.UserName ?? "",
            SealedLetters = Letters.Protect(JsonSerializer.Serialize(firms.Select((f, i) => new AccountLetter(f.Name, f.CreditCode, names[i], passwords[i])).ToList())),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var chunk in users.Chunk(SaveBatch))
            {
                db.Users.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            run.Remaining = await (await WithoutAccountAsync(filter)).CountAsync(ct);
            run.ElapsedMilliseconds = watch.ElapsedMilliseconds;
            db.Set<AccountIssueRun>().Add(run);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw new ConcurrentIssueException(e);
        }
        return run;
    }

    /// <summary>The letters of a run, or null once destroyed or expired (expired letters are destroyed here).</summary>
    public async Task<List<AccountLetter>?> LettersOfAsync(AccountIssueRun run)
    {
        if (run.SealedLetters is null) return null;
        if (run.CreatedAt + LettersKeptFor < clock.GetUtcNow().UtcDateTime)
        {
            await DestroyLettersAsync(run);
            return null;
        }
        return JsonSerializer.Deserialize<List<AccountLetter>>(Letters.Unprotect(run.SealedLetters));
    }

    public async Task DestroyLettersAsync(AccountIssueRun run)
    {
        if (run.SealedLetters is null) return;
        run.SealedLetters = null;
        run.LettersDestroyedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Approves a claim of the caller's area: opens the enterprise's account and marks the claim approved in one save.
    /// The claim's status is a concurrency token and the account's enterprise a unique index, so a double click or two
    /// officials at once open one account; the later request is told who decided.
    /// </summary>
    public async Task<ApprovalOutcome?> ApproveAsync(Guid claimId)
    {
        var claim = await db.Set<AccountClaim>().SingleOrDefaultAsync(c => c.Id == claimId);
        if (claim is null) return null;
        if (claim.Status != AccountClaimStatus.Pending) return new ApprovalOutcome.AlreadyDecided(claim);
        if (await HasAccountAsync(claim.CreditCode)) return new ApprovalOutcome.HasAccount();
        var firm = new Firm(claim.CreditCode, claim.EnterpriseName, claim.RegionCode, claim.RegionPath);
        var userName = (await UserNamesAsync([claim.CreditCode], default))[0];
        var password = OneTimePasswords.Generate();
        var user = NewAccount(firm, userName);
        user.PasswordHash = OneTimePasswords.Hash(user, password);
        db.Users.Add(user);
        claim.Status = AccountClaimStatus.Approved;
        claim.DecidedAt = clock.GetUtcNow().UtcDateTime;
        claim.DecidedBy = db.Actor.UserName;
        claim.AccountUserName = userName;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Another approval of the same claim may still be committing (its account row and audit entry came first):
            // wait a moment for it before saying the firm got its account some other way.
            var now = await db.Set<AccountClaim>().AsNoTracking().SingleAsync(c => c.Id == claimId);
            for (var wait = 0; wait < 10 && now.Status == AccountClaimStatus.Pending; wait++)
            {
                await Task.Delay(200);
                now = await db.Set<AccountClaim>().AsNoTracking().SingleAsync(c => c.Id == claimId);
            }
            return now.Status == AccountClaimStatus.Pending ? new ApprovalOutcome.HasAccount() : new ApprovalOutcome.AlreadyDecided(now);
        }
        return new ApprovalOutcome.Opened(new AccountLetter(claim.EnterpriseName, claim.CreditCode, userName, password));
    }

    /// <summary>Rejects a pending claim with the reason the enterprise is told; false when it was decided already.</summary>
    public async Task<bool> RejectAsync(AccountClaim claim, string reason)
    {
        if (claim.Status != AccountClaimStatus.Pending) return false;
        claim.Status = AccountClaimStatus.Rejected;
        claim.RejectionReason = reason.Trim();
        claim.DecidedAt = clock.GetUtcNow().UtcDateTime;
        claim.DecidedBy = db.Actor.UserName;
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private sealed record Firm(string CreditCode, string Name, string RegionCode, string RegionPath);

    private QualisUser NewAccount(Firm firm, string userName) => new()
    {
        UserName = userName,
        NormalizedUserName = normalizer.NormalizeName(userName),
        DisplayName = firm.Name.Length <= 64 ? firm.Name : firm.Name[..64],
        Organisation = firm.Name.Length <= 128 ? firm.Name : firm.Name[..128],
        Role = Roles.EnterpriseUser,
        RegionCode = firm.RegionCode,
        RegionPath = firm.RegionPath,
        EnterpriseCode = firm.CreditCode,
        IssuedForEnterprise = firm.CreditCode,
        MustChangePassword = true,
        LockoutEnabled = true,
        SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
        Culture = Texts.DefaultCulture,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>The user name of each firm's account (<see cref="EnterpriseUserNames"/>), against every account of every area.</summary>
    private async Task<List<string>> UserNamesAsync(List<string> codes, CancellationToken ct)
    {
        var users = db.Users.OutsideArea(AreaReason.UniquenessCheck);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in codes.Select(c => normalizer.NormalizeName(c)).Chunk(1_000))
            taken.UnionWith(await users.Where(u => chunk.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName!).ToListAsync(ct));
        var names = new List<string>(codes.Count);
        foreach (var code in codes)
        {
            // Rare: the code itself is someone's name; read the suffixed names of that code too.
            if (taken.Contains(code))
            {
                var prefix = normalizer.NormalizeName(code) + "-";
                taken.UnionWith(await users.Where(u => u.NormalizedUserName!.StartsWith(prefix)).Select(u => u.NormalizedUserName!).ToListAsync(ct));
            }
            var name = EnterpriseUserNames.Derive(code, taken.Contains);
            taken.Add(name);
            names.Add(name);
        }
        return names;
    }
}
