using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Qualis.Platform.Time;

/// <summary>
/// The one clock people read (人看的时间): instants are stored in UTC and shown in the display time zone
/// (<c>Display:TimeZone</c>, China time by default); "today" for every deadline, on pages and in the API alike, is that
/// zone's date. The instant comes from the registered <see cref="TimeProvider"/>, so tests can set it.
/// </summary>
public sealed class PeopleClock(TimeProvider time, TimeZoneInfo zone)
{
    public const string Setting = "Display:TimeZone";
    public const string DefaultZone = "Asia/Shanghai";

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The present instant in UTC, as stored.</summary>
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The present instant in the display zone.</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    /// <summary>Today in the display zone: the day statutory periods and overdue steps count in.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>A stored instant (UTC; a value read back without its kind is UTC too) in the display zone.</summary>
    public DateTimeOffset ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The display zone's date of a stored instant.</summary>
    public DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc).DateTime);

    /// <summary>The UTC instant at which a day of the display zone begins: where a date filter's range starts.</summary>
    public DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), Zone);

    /// <summary>Date and minute, e.g. 2026-03-02 00:30: the form of every time on the pages, in both languages.</summary>
    public string Format(DateTime utc) => ToLocal(utc).ToString(MinuteFormat, CultureInfo.InvariantCulture);

    public string Format(DateTimeOffset instant) => ToLocal(instant).ToString(MinuteFormat, CultureInfo.InvariantCulture);

    public string FormatDate(DateTime utc) => ToLocal(utc).ToString(DateFormat, CultureInfo.InvariantCulture);

    public string FormatTime(DateTimeOffset instant) => ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A stored instant as an exported cell: the display zone's wall time (a spreadsheet has no zones).</summary>
    public DateTime ForExport(DateTime utc) => ToLocal(utc).DateTime;

    public const string MinuteFormat = "yyyy-MM-dd HH:mm";
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The zone a setting names (IANA, e.g. Asia/Shanghai, or Windows); an unknown name stops start-up naming the setting.</summary>
    public static TimeZoneInfo ZoneFrom(IConfiguration config)
    {
        var name = config[Setting];
        if (string.IsNullOrWhiteSpace(name)) name = DefaultZone;
        try { return TimeZoneInfo.FindSystemTimeZoneById(name.Trim()); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new SettingException(Setting, name, "not a time zone this machine knows (expected an IANA name such as Asia/Shanghai)");
        }
    }
}

/// <summary>
/// Instants in the API's JSON: written as ISO 8601 with the display zone's offset (2026-03-02T00:30:00+08:00), read
/// with any offset (or Z) and stored as UTC. A value without an offset is read as display-zone time.
/// </summary>
public sealed class DisplayTimeJsonConverter(PeopleClock clock) : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A time is expected.");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            throw new JsonException($"'{text}' is not an ISO 8601 time.");
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d:?\d\d$");
        return hasOffset
            ? parsed.UtcDateTime
            : TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified), clock.Zone);
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(clock.ToLocal(value));
}

public static class PeopleClockSetup
{
    /// <summary>The clock (the system's time unless a host or test registered another TimeProvider) and the API's JSON times.</summary>
    public static void AddPeopleClock(this IServiceCollection services, IConfiguration config)
    {
        var zone = PeopleClock.ZoneFrom(config);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PeopleClock(sp.GetRequiredService<TimeProvider>(), zone));
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>()
            .Configure<PeopleClock>((o, clock) => o.SerializerOptions.Converters.Add(new DisplayTimeJsonConverter(clock)));
    }
}
