namespace Qualis.Platform.Import;

/// <summary>
/// Reads a date the way officials' sheets write it: 2020-1-5, 2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日,
/// 20200105, or an Excel serial number (what a date cell of an XLSX file holds), with or without a time after it.
/// Day-month-year orders are refused rather than guessed: 1/5/2020 is January in one locale and May in another.
/// It lives with import, not with one feature, because every directory with a date column reads the same cells.
/// </summary>
public static class DateParser
{
    /// <summary>The last day Excel can hold, 9999-12-31.</summary>
    public const int MaxExcelSerial = 2_958_465;

    /// <summary>Parses <paramref name="text"/>; when it is not a date, <paramref name="problemKey"/> says why
    /// (a text key taking the text as its argument {0}).</summary>
    public static bool TryParse(string? text, out DateOnly date, out string? problemKey)
    {
        date = default;
        var t = CellText.Normalise(text);
        if (t is null) return Fail("import.date.not_a_date", out problemKey);
        var s = WithoutTime(t.AsSpan());
        if (s.IsEmpty) return Fail("import.date.not_a_date", out problemKey);

        if (IsNumber(s, out var digits, out var fraction))
        {
            if (digits == 8 && !fraction) return Build(Int(s[..4]), Int(s[4..6]), Int(s[6..8]), out date, out problemKey);
            if (digits > 7) return Fail("import.date.not_a_date", out problemKey);
            var whole = Int(s[..digits]);
            // A bare 1900–2100 (or 2020.5) is a year, perhaps with a month, typed into a date column; as a serial it
            // would be a day in 1905 and nobody would notice.
            if (digits == 4 && whole is >= 1900 and <= 2100) return Fail("import.date.year_only", out problemKey);
            return FromExcelSerial(whole, out date, out problemKey);
        }

        // y-m-d with one separator used twice: - / . or 年 月 (日)
        var year = Digits(ref s, 4, 4);
        if (year < 0 || s.IsEmpty) return Fail("import.date.not_a_date", out problemKey);
        var separator = s[0];
        if (separator is not ('-' or '/' or '.' or '年')) return Fail("import.date.not_a_date", out problemKey);
        s = s[1..];
        var month = Digits(ref s, 1, 2);
        if (month < 0 || s.IsEmpty) return Fail("import.date.not_a_date", out problemKey);
        var second = separator == '年' ? '月' : separator;
        if (s[0] != second) return Fail("import.date.not_a_date", out problemKey);
        s = s[1..];
        var day = Digits(ref s, 1, 2);
        if (day < 0) return Fail("import.date.not_a_date", out problemKey);
        if (separator == '年' && s is ['日' or '号']) s = s[1..];
        if (!s.IsEmpty) return Fail("import.date.not_a_date", out problemKey);
        return Build(year, month, day, out date, out problemKey);
    }

    /// <summary>
    /// An Excel serial: day 1 is 1900-01-01. Excel (after Lotus 1-2-3) counts a 29 February 1900 that never was,
    /// serial 60; from serial 61 (1900-03-01) on, serial n is 1899-12-30 plus n days.
    /// </summary>
    public static bool FromExcelSerial(int serial, out DateOnly date, out string? problemKey)
    {
        date = default;
        if (serial is < 1 or > MaxExcelSerial) return Fail("import.date.out_of_range", out problemKey);
        if (serial == 60) return Fail("import.date.no_such_day", out problemKey);
        date = serial < 60 ? new DateOnly(1899, 12, 31).AddDays(serial) : new DateOnly(1899, 12, 30).AddDays(serial);
        problemKey = null;
        return true;
    }

    /// <summary>The Excel serial of a date (the inverse of <see cref="FromExcelSerial"/>).</summary>
    public static int ToExcelSerial(DateOnly date) =>
        date < new DateOnly(1900, 3, 1) ? date.DayNumber - new DateOnly(1899, 12, 31).DayNumber : date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    private static bool Build(int year, int month, int day, out DateOnly date, out string? problemKey)
    {
        date = default;
        if (year is < 1000 or > 9999) return Fail("import.date.out_of_range", out problemKey);
        if (month is < 1 or > 12) return Fail("import.date.no_such_month", out problemKey);
        if (day < 1 || day > DateTime.DaysInMonth(year, month)) return Fail("import.date.no_such_day", out problemKey);
        date = new DateOnly(year, month, day);
        problemKey = null;
        return true;
    }

    private static bool Fail(string key, out string? problemKey)
    {
        problemKey = key;
        return false;
    }

    /// <summary>The date part of "2020-01-05 08:30:00", "2020-01-05T08:30:00Z" or "2020/1/5 0:00"; the text
    /// itself when there is no time; empty when what follows is not a time.</summary>
    private static ReadOnlySpan<char> WithoutTime(ReadOnlySpan<char> s)
    {
        var cut = s.IndexOfAny(' ', 'T');
        if (cut < 0) return s;
        var time = s[(cut + 1)..].Trim();
        if (time.IsEmpty || !char.IsAsciiDigit(time[0]) || time.IndexOfAnyExcept("0123456789:.+-Z") >= 0 || !time.Contains(':'))
            return [];
        return s[..cut].TrimEnd();
    }

    private static bool IsNumber(ReadOnlySpan<char> s, out int digits, out bool fraction)
    {
        digits = s.IndexOfAnyExceptInRange('0', '9');
        fraction = false;
        if (digits < 0) { digits = s.Length; return true; }
        if (digits == 0 || s[digits] != '.' || s.Length == digits + 1) return false;
        fraction = true;
        return s[(digits + 1)..].IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>Reads <paramref name="min"/> to <paramref name="max"/> leading digits; -1 when there are not enough.</summary>
    private static int Digits(ref ReadOnlySpan<char> s, int min, int max)
    {
        var n = 0;
        while (n < s.Length && n < max && char.IsAsciiDigit(s[n])) n++;
        if (n < min || (n < s.Length && char.IsAsciiDigit(s[n]))) return -1;
        var value = Int(s[..n]);
        s = s[n..];
        return value;
    }

    private static int Int(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
