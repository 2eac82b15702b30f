using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using Qualis.Platform.Accounts;
using Qualis.Platform.Audit;
using Qualis.Platform.Modules;
using Qualis.Platform.Time;

namespace Qualis.Features.Audit;

/// <summary>A value as the history shows it: its text, the page of the record it names, and what a tooltip adds (a code).</summary>
[ModuleFace]
public sealed record AuditValue(string Text, string? Page = null, string? Title = null);

/// <summary>One field of an entry: its label in the reader's language, and its value before and after (either may be absent).</summary>
[ModuleFace]
public sealed record AuditFieldChange(string Field, string Label, AuditValue? Before, AuditValue? After);

/// <summary>Who wrote an entry: their display name, their office (单位 or region), their sign-in name for a tooltip.</summary>
[ModuleFace]
public sealed record AuditPerson(string Name, string? Office, string? Login);

/// <summary>
/// Who reads a history. <see cref="Officials"/> read everything the area filter lets them see. An <see cref="Enterprise"/>
/// reading its own record's history reads what law-enforcement disclosure gives it: enforcement officers (执法检查人员) by
/// name and certificate number (执法证号), every other official by office only, no addresses, no sign-in names, and none
/// of the fields declared internal (<see cref="AuditInternalField"/>: the credit-risk class, internal notes).
/// </summary>
[ModuleFace]
public enum AuditAudience { Officials, Enterprise }

[ModuleFace]
public static class AuditAudiences
{
    /// <summary>The audience a signed-in user belongs to.</summary>
    public static AuditAudience Of(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.EnterpriseUser) ? AuditAudience.Enterprise : AuditAudience.Officials;
}

/// <summary>An entry as people read it (see <see cref="AuditDescriber"/>).</summary>
[ModuleFace]
public sealed record AuditLine(long Sequence, string When, AuditPerson Who, string Source, string? Address, string? AddressTitle, string Action,
    string TypeName, AuditValue Record, IReadOnlyList<AuditFieldChange> Changes)
{
    /// <summary>An update shows before → after; a new or deleted record shows the values it held.</summary>
    public bool IsUpdate { get; init; }
}

/// <summary>
/// Turns audit entries into lines people read: field names and values in the reader's language (texts
/// <c>field.{Type}.{Field}</c>, then <c>field.{Field}</c>; enums through their <see cref="TextKeysAttribute"/>; regions
/// by name; fields that hold the key or code of another record — foreign keys of the model and the fields modules
/// declare with <see cref="AuditNamesSetup.AddAuditReference"/> — as that record's name with a link to its page),
/// people by display name and office, times on the people's clock, the source as 网页 / 接口 / 导入 / 系统 with the
/// address where it matters (calls from partner systems, sign-in entries; otherwise in a tooltip). An update shows
/// only the fields it changed, before → after. Stored entries are read, never rewritten.
/// </summary>
public sealed class AuditDescriber(QualisDb db, IStringLocalizer l, PeopleClock clock, IEnumerable<AuditLookup> lookups, IEnumerable<AuditReference> references,
    IEnumerable<AuditValueTexts> valueTexts, IEnumerable<AuditInternalField> internalFields)
{
    private readonly HashSet<(string, string)> _internal = internalFields.Select(f => (f.EntityType, f.Field)).ToHashSet();

    /// <summary>
    /// Fields the trail keeps that say nothing to a reader: Identity's stamps and upper-case copies, and the pending keys
    /// (ids joined for a unique index that makes a double submission store one report, OneEffect).
    /// </summary>
    private static readonly HashSet<string> Technical = ["ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedEmail", "PendingKey"];

    /// <summary>Changes of these fields of an account are what signing in writes (failed attempts, lockout): their address matters.</summary>
    private static readonly HashSet<string> SignInFields = ["AccessFailedCount", "LockoutEnd"];

    private const string RegionLookup = nameof(Region);

    private readonly Dictionary<string, AuditLookup> _lookups = lookups.GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.Last());

    private static bool English => Texts.IsEnglish(CultureInfo.CurrentUICulture);

    public async Task<IReadOnlyList<AuditLine>> DescribeAsync(IReadOnlyList<AuditRow> rows, CancellationToken ct = default) =>
        await DescribeAsync(rows, AuditAudience.Officials, ct);

    public async Task<IReadOnlyList<AuditLine>> DescribeAsync(IReadOnlyList<AuditRow> rows, AuditAudience audience, CancellationToken ct = default)
    {
        var parsed = rows.Select(r => (Row: r, Before: Values(r.Before), After: Values(r.After))).ToList();

        // Every record named anywhere in the page, by lookup, fetched once per lookup.
        var wanted = new Dictionary<string, HashSet<string>>();
        void Want(string? lookup, string? key)
        {
            if (lookup is null || string.IsNullOrEmpty(key)) return;
            if (!wanted.TryGetValue(lookup, out var set)) wanted[lookup] = set = new(StringComparer.OrdinalIgnoreCase);
            set.Add(key);
        }
        foreach (var (row, before, after) in parsed)
        {
            Want(LookupOfRecord(row.EntityType), row.EntityKey);
            foreach (var (field, value) in before.Concat(after))
                if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number && LookupOf(row.EntityType, field) is { } lookup)
                    Want(lookup, RegionKey(lookup, field, Text(value)));
        }
        var people = await PeopleAsync(rows.Select(r => r.UserName).OfType<string>()
            .Concat(wanted.GetValueOrDefault(AuditReference.Person) ?? []).Distinct().ToList(), audience, ct);
        var names = new Dictionary<string, Dictionary<string, AuditRecordName>>();
        foreach (var (lookup, keys) in wanted)
            names[lookup] = lookup == RegionLookup ? await RegionNamesAsync(keys, ct)
                : lookup == AuditReference.Person ? people.Where(p => keys.Contains(p.Key)).ToDictionary(p => p.Key, p => new AuditRecordName(p.Value.Office is null ? p.Value.Name : $"{p.Value.Name}（{p.Value.Office}）", null), StringComparer.OrdinalIgnoreCase)
                : await _lookups[lookup].FindAsync(db, keys, ct);

        return parsed.Select(p => Line(p.Row, p.Before, p.After, names, people, audience)).ToList();
    }

    private AuditLine Line(AuditRow row, IReadOnlyDictionary<string, JsonElement> before, IReadOnlyDictionary<string, JsonElement> after,
        Dictionary<string, Dictionary<string, AuditRecordName>> names, Dictionary<string, AuditPerson> people, AuditAudience audience)
    {
        var changes = new List<AuditFieldChange>();
        var fields = row.Action == AuditEntry.Update ? before.Keys.Union(after.Keys) : (row.Action == AuditEntry.Delete ? before.Keys : after.Keys);
        var key = EntityTypeOf(db.Model, row.EntityType)?.FindPrimaryKey()?.Properties is [var only] ? only.Name : null;
        foreach (var field in fields)
        {
            // The record's own key names the record, which the line shows by name already.
            if (Technical.Contains(field) || field == key) continue;
            if (audience == AuditAudience.Enterprise && _internal.Contains((row.EntityType, field))) continue;
            // The region path repeats the region code beside it in words a reader does not need twice.
            if (field == nameof(IRegionScoped.RegionPath) && (before.ContainsKey("RegionCode") || after.ContainsKey("RegionCode"))) continue;
            AuditValue? Of(IReadOnlyDictionary<string, JsonElement> values) =>
                values.TryGetValue(field, out var v) ? Value(row.EntityType, field, v, names) : null;
            var b = row.Action == AuditEntry.Create ? null : Of(before);
            var a = row.Action == AuditEntry.Delete ? null : Of(after);
            if (row.Action == AuditEntry.Update && b?.Text == a?.Text && b?.Page == a?.Page) continue;
            changes.Add(new AuditFieldChange(field, FieldLabel(row.EntityType, field), b, a));
        }

        var source = SourceKind(row.Source);
        var signIn = row.EntityType == nameof(QualisUser) && before.Keys.Union(after.Keys).Any(SignInFields.Contains);
        var showAddress = row.Ip is not null && (source == "api" || signIn) && audience == AuditAudience.Officials;
        var addressTitle = showAddress || row.Ip is null || audience != AuditAudience.Officials ? null : l["audit.address", row.Ip].Value;
        var recordName = LookupOfRecord(row.EntityType) is { } lookup && names.GetValueOrDefault(lookup)?.GetValueOrDefault(row.EntityKey) is { } found
            ? new AuditValue(found.Name, found.Page)
            : new AuditValue(KeyText(row.EntityKey), Title: row.EntityKey);
        var who = row.UserName is null ? new AuditPerson(l["audit.source.system"], null, null)
            : people.GetValueOrDefault(row.UserName)
              ?? (audience == AuditAudience.Officials ? new AuditPerson(row.UserName, null, row.UserName) : new AuditPerson(l["audit.someone_else"], null, null));
        return new AuditLine(row.Sequence, clock.Format(row.At), who, l["audit.source." + source],
            showAddress ? row.Ip : null, addressTitle,
            l["audit.action." + row.Action], TypeName(row.EntityType), recordName, changes) { IsUpdate = row.Action == AuditEntry.Update };
    }

    /// <summary>网页, 接口, 导入 or 系统, from the source the trail recorded (web, api, import:{job}, cli, system).</summary>
    public static string SourceKind(string source) => source switch
    {
        "web" => "web",
        "api" => "api",
        _ when source.StartsWith("import", StringComparison.Ordinal) => "import",
        _ => "system",
    };

    /// <summary>The record type's name in the reader's language (<c>entity.{Type}</c>), else the type's own name.</summary>
    public string TypeName(string entityType) => l["entity." + entityType] is { ResourceNotFound: false } t ? t.Value : entityType;

    /// <summary>The field's label: <c>field.{Type}.{Field}</c>, then <c>field.{Field}</c>, then the field's own name.</summary>
    public string FieldLabel(string entityType, string field) =>
        l[$"field.{entityType}.{field}"] is { ResourceNotFound: false } own ? own.Value
        : l["field." + field] is { ResourceNotFound: false } shared ? shared.Value
        : field;

    /// <summary>One value as the reader reads it, by what the model says the field is.</summary>
    public AuditValue Value(string entityType, string field, JsonElement value, IReadOnlyDictionary<string, Dictionary<string, AuditRecordName>> names)
    {
        if (value.ValueKind == JsonValueKind.Null) return new AuditValue("—");
        var text = Text(value);
        if (text == "***") return new AuditValue(l["audit.hidden"]);
        if (LookupOf(entityType, field) is { } lookup)
        {
            var key = RegionKey(lookup, field, text);
            return names.GetValueOrDefault(lookup)?.GetValueOrDefault(key) is { } named
                ? new AuditValue(named.Name, named.Page, text)
                : new AuditValue(KeyText(text), Title: text);
        }
        if (valueTexts.LastOrDefault(v => v.Field == field && (v.EntityType == entityType || v.EntityType is null)) is { } texts)
            return new AuditValue(l[texts.Prefix + text] is { ResourceNotFound: false } t ? t.Value : text);
        var type = Nullable.GetUnderlyingType(PropertyOf(entityType, field)?.ClrType ?? typeof(object)) ?? PropertyOf(entityType, field)?.ClrType;
        if (type is null) return new AuditValue(text);
        if (type.IsEnum)
        {
            var keys = type.GetCustomAttributes(typeof(TextKeysAttribute), false).Cast<TextKeysAttribute>().FirstOrDefault();
            if (keys is null) return new AuditValue(text);
            return new AuditValue(string.Join("、", text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => l[keys.Prefix + (keys.LowerCase ? n.ToLowerInvariant() : n)] is { ResourceNotFound: false } t ? t.Value : n)));
        }
        if (type == typeof(bool)) return new AuditValue(l[value.ValueKind == JsonValueKind.True ? "audit.yes" : "audit.no"]);
        if ((type == typeof(DateTime) || type == typeof(DateTimeOffset))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return new AuditValue(clock.Format(instant));
        return new AuditValue(text);
    }

    /// <summary>A key with no name to show: a Guid says nothing to a reader, so it becomes "a record not found" with the key in the tooltip.</summary>
    private string KeyText(string key) => Guid.TryParse(key, out _) ? l["audit.unnamed_record"].Value : key;

    /// <summary>Region fields hold a code, or a path whose last code is the region.</summary>
    private static string RegionKey(string lookup, string field, string text) =>
        lookup == RegionLookup && field == nameof(IRegionScoped.RegionPath) ? text.TrimEnd('/').Split('/')[^1] : text;

    private string? LookupOfRecord(string entityType) => entityType == nameof(Region) ? RegionLookup : _lookups.ContainsKey(entityType) ? entityType : null;

    /// <summary>Which lookup names the value of a field: a declared reference, a region field, or a foreign key of the model.</summary>
    public string? LookupOf(string entityType, string field)
    {
        if (references.LastOrDefault(r => r.Field == field && (r.EntityType == entityType || r.EntityType is null)) is { } declared
            && (_lookups.ContainsKey(declared.Lookup) || declared.Lookup == AuditReference.Person)) return declared.Lookup;
        if (field is "RegionCode" or nameof(IRegionScoped.RegionPath)) return RegionLookup;
        if (entityType == nameof(Region) && field == nameof(Region.ParentCode)) return RegionLookup;
        var property = PropertyOf(entityType, field);
        if (property?.GetContainingForeignKeys().FirstOrDefault() is { } fk && !property.IsPrimaryKey())
        {
            var principal = fk.PrincipalEntityType.ClrType.Name;
            return principal == nameof(Region) ? RegionLookup : _lookups.ContainsKey(principal) ? principal : null;
        }
        return null;
    }

    private IReadOnlyProperty? PropertyOf(string entityType, string field) =>
        EntityTypeOf(db.Model, entityType)?.FindProperty(field);

    public static IReadOnlyEntityType? EntityTypeOf(IReadOnlyModel model, string entityType) =>
        model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == entityType && !t.IsOwned());

    private async Task<Dictionary<string, AuditRecordName>> RegionNamesAsync(IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var list = codes.ToList();
        var english = English;
        var regions = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => list.Contains(r.Code)).ToListAsync(ct);
        return regions.ToDictionary(r => r.Code, r => new AuditRecordName(r.DisplayName(english), null), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The people who wrote the entries, by sign-in name: their display name and office, read as names beside entries the
    /// reader may see. For an enterprise: an enforcement officer by name and certificate number, the enterprise's own
    /// accounts by name, everyone else by office alone; never a sign-in name.
    /// </summary>
    private async Task<Dictionary<string, AuditPerson>> PeopleAsync(List<string> userNames, AuditAudience audience, CancellationToken ct)
    {
        if (userNames.Count == 0) return [];
        var users = await db.Users.OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(u => userNames.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.DisplayName, u.Organisation, u.RegionCode, u.Role, u.CertificateNumber }).ToListAsync(ct);
        var regionNames = await RegionNamesAsync(users.Select(u => u.RegionCode).Distinct().ToList(), ct);
        return users.ToDictionary(u => u.UserName!, u =>
        {
            var name = string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName! : u.DisplayName;
            var office = !string.IsNullOrWhiteSpace(u.Organisation) ? u.Organisation : regionNames.GetValueOrDefault(u.RegionCode)?.Name;
            if (audience == AuditAudience.Officials)
                // An account named after its unit (an agency, an enterprise) needs no office beside the name.
                return new AuditPerson(name, office == name ? null : office, u.UserName);
            return u.Role switch
            {
                Roles.Inspector => new AuditPerson(name, string.IsNullOrWhiteSpace(u.CertificateNumber) ? office : l["audit.certificate", u.CertificateNumber].Value, null),
                Roles.EnterpriseUser => new AuditPerson(name, null, null),
                _ => new AuditPerson(office ?? l["audit.someone_else"].Value, null, null),
            };
        }, StringComparer.Ordinal);
    }

    private static string Text(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();

    /// <summary>The recorded values (a JSON object of field → value), in the order the trail wrote them.</summary>
    private static IReadOnlyDictionary<string, JsonElement> Values(string? json)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json)) return values;
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject()) values[p.Name] = p.Value.Clone();
        return values;
    }
}
