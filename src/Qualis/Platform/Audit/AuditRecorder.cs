using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Qualis.Platform.Audit;

/// <summary>Turns the change tracker's pending changes into audit entries, before and after values included.</summary>
internal static class AuditRecorder
{
    /// <summary>Values never written to the trail; the trail only says that they changed.</summary>
    private static readonly HashSet<string> Secret = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "KeyHash"];

    public sealed record Pending(EntityEntry Entry, string Action, string? Before)
    {
        /// <summary>Where the entry is filed: the record's region or its parent's (see <see cref="AuditRegions"/>).</summary>
        public string RegionPath { get; set; } = RegionInheritance.Root;
    }

    public static List<Pending> Capture(ChangeTracker tracker)
    {
        var list = new List<Pending>();
        foreach (var e in tracker.Entries())
        {
            if (!RegionInheritance.IsAudited(e.Metadata)) continue;
            switch (e.State)
            {
                case EntityState.Added:
                    list.Add(new(e, AuditEntry.Create, null));
                    break;
                case EntityState.Modified when e.Properties.Any(p => p.IsModified && Recorded(p.Metadata) && !Equals(p.OriginalValue, p.CurrentValue)):
                    list.Add(new(e, AuditEntry.Update, Serialize(e, original: true, onlyModified: true)));
                    break;
                case EntityState.Deleted:
                    list.Add(new(e, AuditEntry.Delete, Serialize(e, original: true, onlyModified: false)));
                    break;
            }
        }
        return list;
    }

    public static AuditEntry ToEntry(Pending p, Actor actor, DateTime at)
    {
        var e = p.Entry;
        var key = e.Metadata.FindPrimaryKey()!;
        if (key.Properties.Any(k => e.Property(k.Name).IsTemporary))
            throw new InvalidOperationException(
                $"{e.Metadata.ClrType.Name} uses a store-generated key; audited entities need keys set by the application.");
        return Entry(actor, at, p.Action, p.RegionPath, e.Metadata, key.Properties.Select(k => e.Property(k.Name).CurrentValue),
            p.Before, p.Action == AuditEntry.Delete ? null : Serialize(e, original: false, onlyModified: p.Action == AuditEntry.Update));
    }

    private static AuditEntry Entry(Actor actor, DateTime at, string action, string regionPath, IReadOnlyEntityType type, IEnumerable<object?> key, string? before, string? after) => new()
    {
        At = at,
        UserId = actor.UserId,
        UserName = actor.UserName,
        Source = actor.Source,
        Ip = actor.Ip,
        Action = action,
        EntityType = type.ClrType.Name,
        EntityKey = string.Join('|', key.Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture))),
        RegionPath = regionPath,
        Before = before,
        After = after,
    };

    /// <summary>
    /// The entries for rows created without the change tracker (bulk import, a draw's spot checks): the same shape
    /// as a tracked create, filed under <paramref name="regionOf"/> each row. What to record of the type is worked out
    /// once for all the rows.
    /// </summary>
    public static IEnumerable<AuditEntry> Created<T>(IEntityType type, IEnumerable<T> entities, Func<T, string> regionOf, Actor actor, DateTime at) where T : class
    {
        var recorded = type.GetProperties().Where(Recorded).OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (p.Name, Getter: p.GetGetter(), Hidden: Hidden(p))).ToArray();
        var key = type.FindPrimaryKey()!.Properties.Select(k => k.GetGetter()).ToArray();
        var json = new RecordJson();
        var values = new List<(string Name, object? Value)>(recorded.Length);
        foreach (var entity in entities)
        {
            values.Clear();
            foreach (var (name, getter, hidden) in recorded)
                if (getter.GetClrValueUsingContainingEntity(entity) is { } v) // as for a tracked create: the record lists what it holds
                    values.Add((name, hidden ? "***" : v));
            yield return Entry(actor, at, AuditEntry.Create, regionOf(entity), type, key.Select(k => k.GetClrValueUsingContainingEntity(entity)), null, json.Write(values));
        }
    }

    private static string Serialize(EntityEntry e, bool original, bool onlyModified)
    {
        var values = new List<(string Name, object? Value)>();
        foreach (var p in e.Properties.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            if (!Recorded(p.Metadata) || (onlyModified && (!p.IsModified || Equals(p.OriginalValue, p.CurrentValue)))) continue;
            var v = original ? p.OriginalValue : p.CurrentValue;
            if (v is null && !onlyModified) continue; // a whole record lists what it holds; a change lists what became empty too
            values.Add((p.Metadata.Name, Hidden(p.Metadata) ? (v is null ? null : "***") : v));
        }
        return new RecordJson().Write(values);
    }

    /// <summary>
    /// A record's values as the trail keeps them: one JSON object, properties in the order given (callers give name
    /// order), each value serialised by its own type; the buffer is reused from one record to the next.
    /// </summary>
    private sealed class RecordJson
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly Utf8JsonWriter _writer;

        public RecordJson() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = Json.Encoder });

        public string Write(IReadOnlyList<(string Name, object? Value)> values)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            for (var i = 0; i < values.Count; i++)
            {
                var (name, value) = values[i];
                _writer.WritePropertyName(name);
                if (value is null) _writer.WriteNullValue();
                else JsonSerializer.Serialize(_writer, value, value.GetType(), Json);
            }
            _writer.WriteEndObject();
            _writer.Flush();
            return System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Marks a property derived from others (a search form of a name): it is not written to the trail.</summary>
    public const string Derived = "Qualis:Derived";

    /// <summary>Marks a property whose value must not be read from the trail (a sealed draw seed): the trail says only that it changed.</summary>
    public const string Sealed = "Qualis:Sealed";

    private static bool Hidden(IReadOnlyProperty p) => Secret.Contains(p.Name) || p.FindAnnotation(Sealed) is not null;

    private static bool Recorded(IReadOnlyProperty p) => p.FindAnnotation(Derived) is null;
}
