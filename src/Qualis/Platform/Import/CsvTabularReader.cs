using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Qualis.Platform.Import;

/// <summary>
/// A streaming CSV reader (RFC 4180: quoted fields with delimiters, doubled quotes and line breaks inside) over
/// UTF-8, GB18030 (a superset of GBK and GB2312) or UTF-16 text, holding one 64 KB buffer and one row in memory.
/// Rows are numbered as a spreadsheet shows them: one record is one row even when a quoted cell spans lines.
/// Bytes that are not valid in the file's encoding stop the read with the row they are in: decoding them into
/// replacement characters would store garbage names without anyone noticing.
/// </summary>
internal sealed class CsvTabularReader : ITabularReader
{
    private const int BufferSize = 64 * 1024;

    static CsvTabularReader() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private enum TextEncoding { Utf8, Gb18030, Utf16 }

    private readonly Stream _stream;
    private readonly TabularLimits _limits;
    private readonly TextEncoding _encoding;
    private readonly bool _utf8Detected;
    private readonly Encoding? _gb18030;
    private readonly Decoder? _utf16;

    private readonly byte[] _bytes = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _byteStart, _byteEnd;
    private bool _endOfStream;
    /// <summary>Set when decoding stopped at bytes that are not valid; the characters before them are still read.</summary>
    private bool _invalidBytesAhead;
    private bool _cutOff;

    private readonly char[] _chars = ArrayPool<char>.Shared.Rent(BufferSize + 4);
    private int _charPos, _charEnd;

    private char _delimiter = ',';
    private SearchValues<char> _stops = SearchValues.Create(",\r\n");

    // The current record: its fields' text side by side in _row, with each field's start and length.
    private char[] _row = new char[1024];
    private int _rowLength;
    private int[] _fieldStart = new int[64];
    private int[] _fieldLength = new int[64];
    private string?[] _cache = new string?[64];
    private int _fieldCount;
    private int _recordNumber;
    private bool _inRecord;
    private bool _inQuotes;

    public IReadOnlyList<string> Headers { get; private set; } = [];
    public string Encoding { get; }
    public int RowNumber => _recordNumber;

    private CsvTabularReader(Stream stream, TabularLimits limits, TextEncoding encoding, string name, bool utf8Detected)
    {
        _stream = stream;
        _limits = limits;
        _encoding = encoding;
        Encoding = name;
        _utf8Detected = utf8Detected;
        if (encoding == TextEncoding.Gb18030)
            _gb18030 = System.Text.Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        else if (encoding == TextEncoding.Utf16)
            _utf16 = (name == "UTF-16BE" ? new UnicodeEncoding(true, false, true) : new UnicodeEncoding(false, false, true)).GetDecoder();
    }

    public static CsvTabularReader Open(Stream stream, TabularLimits limits)
    {
        var start = stream.Position;
        Span<byte> bom = stackalloc byte[3];
        var n = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        bom = bom[..n];
        CsvTabularReader reader;
        if (bom.StartsWith(Utf8Bom))
        {
            stream.Position = start + 3;
            reader = new CsvTabularReader(stream, limits, TextEncoding.Utf8, "UTF-8 BOM", utf8Detected: false);
        }
        else if (bom.StartsWith(new byte[] { 0xFF, 0xFE }) || bom.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            // Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated.
            stream.Position = start + 2;
            reader = new CsvTabularReader(stream, limits, TextEncoding.Utf16, bom[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", utf8Detected: false);
        }
        else
        {
            stream.Position = start;
            var utf8 = LooksLikeUtf8(stream);
            stream.Position = start;
            reader = new CsvTabularReader(stream, limits, utf8 ? TextEncoding.Utf8 : TextEncoding.Gb18030, utf8 ? "UTF-8" : "GB18030", utf8Detected: true);
        }
        try
        {
            reader.ReadHeader();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Decides between UTF-8 and GB18030 for a file without a BOM. ASCII is the same in both, so the decision is
    /// taken where the first non-ASCII byte is, not in the first 64 KB (a GBK file can start with pages of codes
    /// and numbers): from there, bytes are checked as UTF-8 until 4,096 non-ASCII bytes, 4 MB or the end. If they
    /// are valid, the file is UTF-8. If they are not, it is GB18030, unless at least eight UTF-8 characters came
    /// before the first bad byte: GBK text almost never passes for that many UTF-8 characters in a row (roughly, for
    /// one Chinese character in seven, so eight in a row is about one in a few million), so such a file is UTF-8
    /// with GBK bytes pasted into it, and reading it as UTF-8 refuses it at the row where they start.
    /// </summary>
    private static bool LooksLikeUtf8(Stream stream)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(BufferSize);
        var chars = ArrayPool<char>.Shared.Rent(BufferSize);
        try
        {
            // Find the first non-ASCII byte.
            int length, at;
            while (true)
            {
                length = stream.ReadAtLeast(bytes.AsSpan(0, BufferSize), BufferSize, throwOnEndOfStream: false);
                if (length == 0) return true; // all ASCII: UTF-8 reads it as well as anything
                at = bytes.AsSpan(0, length).IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                if (at >= 0) break;
            }
            long checkedBytes = 0, nonAscii = 0, characters = 0;
            var offset = at;
            var streamEnded = length < BufferSize; // ReadAtLeast returns less than asked only at the end
            while (true)
            {
                var window = bytes.AsSpan(offset, length - offset);
                // Never the final block: a file cut off inside its last character is still UTF-8 (and reported as damaged).
                var status = Utf8.ToUtf16(window, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
                foreach (var b in window[..read])
                {
                    if (b >= 0x80) nonAscii++;
                    if (b >= 0xC0) characters++; // the lead byte of a multi-byte character
                }
                if (status == OperationStatus.InvalidData) return characters >= 8;
                checkedBytes += read;
                if (streamEnded || nonAscii >= 4096 || checkedBytes >= 4 * 1024 * 1024) return true;
                // Carry an incomplete sequence at the end of the window over to the next read.
                var carry = window.Length - read;
                window[read..].CopyTo(bytes);
                var n = stream.ReadAtLeast(bytes.AsSpan(carry, BufferSize - carry), BufferSize - carry, throwOnEndOfStream: false);
                (offset, length, streamEnded) = (0, carry + n, n < BufferSize - carry);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void ReadHeader()
    {
        DetectDelimiter();
        do
        {
            if (!ReadRecord()) throw new TabularFileException("import.file.empty", [], "The file has no header row.");
        } while (IsBlankRow);
        var headers = new string[_fieldCount];
        for (var i = 0; i < _fieldCount; i++) headers[i] = Get(i) ?? "";
        Headers = headers;
    }

    /// <summary>Comma, or tab when the first non-blank line has tabs and no commas (Excel's text exports).</summary>
    private void DetectDelimiter()
    {
        if (!EnsureChars(throwOnInvalid: false)) return;
        var text = _chars.AsSpan(_charPos, _charEnd - _charPos);
        while (text.Length > 0)
        {
            var end = text.IndexOfAny('\r', '\n');
            var line = end < 0 ? text : text[..end];
            if (!CellText.IsBlank(line))
            {
                if (line.Contains('\t') && !line.Contains(','))
                {
                    _delimiter = '\t';
                    _stops = SearchValues.Create("\t\r\n");
                }
                return;
            }
            if (end < 0) return;
            text = text[(end + 1)..];
        }
    }

    public bool Read()
    {
        if (!ReadRecord()) return false;
        if (_recordNumber > _limits.MaxRows)
            throw new TabularFileException("import.file.too_many_rows", [_limits.MaxRows], $"The file has more than {_limits.MaxRows} rows.", _recordNumber);
        return true;
    }

    public string? Get(int column)
    {
        if ((uint)column >= (uint)_fieldCount) return null;
        return _cache[column] ??= _fieldLength[column] == 0 ? "" : new string(_row, _fieldStart[column], _fieldLength[column]);
    }

    public bool IsBlankRow
    {
        get
        {
            for (var i = 0; i < _fieldCount; i++)
                if (!CellText.IsBlank(_row.AsSpan(_fieldStart[i], _fieldLength[i]))) return false;
            return true;
        }
    }

    /// <summary>Reads one record into the row buffer; false at the end of the file.</summary>
    private bool ReadRecord()
    {
        Array.Clear(_cache, 0, _fieldCount);
        _fieldCount = 0;
        _rowLength = 0;
        _inRecord = false;
        if (!EnsureChars(throwOnInvalid: true)) return false;
        _recordNumber++;
        _inRecord = true;
        while (true)
        {
            // At the start of a field.
            StartField();
            if (!EnsureChars(throwOnInvalid: true)) { EndField(); return true; } // the file ends right after a delimiter
            if (_chars[_charPos] == '"')
            {
                _charPos++;
                ReadQuoted();
            }
            // Unquoted text (or what follows a closing quote, kept as Excel keeps it) up to a delimiter or line end.
            while (true)
            {
                var span = _chars.AsSpan(_charPos, _charEnd - _charPos);
                var stop = span.IndexOfAny(_stops);
                if (stop < 0)
                {
                    Append(span);
                    _charPos = _charEnd;
                    if (!EnsureChars(throwOnInvalid: true)) { EndField(); return true; }
                    continue;
                }
                Append(span[..stop]);
                _charPos += stop;
                var c = _chars[_charPos++];
                if (c == _delimiter) { EndField(); break; }
                // A line break ends the record: \r\n, \n or a lone \r. The byte after a \r may be invalid; that is
                // the next row's problem, so look ahead without throwing.
                if (c == '\r' && EnsureChars(throwOnInvalid: false) && _chars[_charPos] == '\n') _charPos++;
                EndField();
                return true;
            }
        }
    }

    /// <summary>Reads a quoted field's content after its opening quote, up to and including the closing quote.</summary>
    private void ReadQuoted()
    {
        _inQuotes = true;
        while (true)
        {
            var span = _chars.AsSpan(_charPos, _charEnd - _charPos);
            var quote = span.IndexOf('"');
            if (quote < 0)
            {
                Append(span);
                _charPos = _charEnd;
                if (!EnsureChars(throwOnInvalid: true)) throw UnclosedQuote();
                continue;
            }
            Append(span[..quote]);
            _charPos += quote + 1;
            if (EnsureChars(throwOnInvalid: true) && _chars[_charPos] == '"')
            {
                Append("\"");
                _charPos++;
                continue;
            }
            _inQuotes = false;
            return;
        }
    }

    private TabularFileException UnclosedQuote() =>
        new("import.file.unclosed_quote", [_recordNumber],
            $"Row {_recordNumber}: a quoted cell starts here and its closing quote is missing.", _recordNumber);

    private void StartField()
    {
        if (_fieldCount >= _limits.MaxColumns)
            throw new TabularFileException("import.file.too_many_columns", [_recordNumber, _limits.MaxColumns],
                $"Row {_recordNumber} has more than {_limits.MaxColumns} columns.", _recordNumber);
        if (_fieldCount == _fieldStart.Length)
        {
            var size = Math.Min(_fieldCount * 2, _limits.MaxColumns);
            Array.Resize(ref _fieldStart, size);
            Array.Resize(ref _fieldLength, size);
            Array.Resize(ref _cache, size);
        }
        _fieldStart[_fieldCount] = _rowLength;
    }

    private void EndField()
    {
        _fieldLength[_fieldCount] = _rowLength - _fieldStart[_fieldCount];
        _fieldCount++;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        if (_rowLength - _fieldStart[_fieldCount] + text.Length > _limits.MaxCellChars)
        {
            // An unclosed quote swallows the rest of the file; the cell limit catches it early, at the row it starts.
            if (_inQuotes) throw UnclosedQuote();
            throw new TabularFileException("import.file.cell_too_long", [_recordNumber, _fieldCount + 1, _limits.MaxCellChars],
                $"Row {_recordNumber}, column {_fieldCount + 1}: the cell is longer than {_limits.MaxCellChars} characters.", _recordNumber);
        }
        if (_rowLength + text.Length > _row.Length) Array.Resize(ref _row, Math.Max(_row.Length * 2, _rowLength + text.Length));
        text.CopyTo(_row.AsSpan(_rowLength));
        _rowLength += text.Length;
    }

    /// <summary>True when there is at least one character to read; false at the end of the file.</summary>
    private bool EnsureChars(bool throwOnInvalid)
    {
        if (_charPos < _charEnd) return true;
        while (true)
        {
            if (_invalidBytesAhead)
            {
                if (!throwOnInvalid) return false;
                throw InvalidBytes();
            }
            if (_byteStart == _byteEnd && _endOfStream) return false;
            if (!_endOfStream && _byteEnd - _byteStart < 4) ReadBytes();
            var written = Decode();
            if (written > 0)
            {
                _charPos = 0;
                _charEnd = written;
                return true;
            }
            if (!_invalidBytesAhead && !_endOfStream) ReadBytes();
        }
    }

    private TabularFileException InvalidBytes()
    {
        // The bad bytes belong to the record being read, or to the next one when the last one has just ended.
        var row = _inRecord ? _recordNumber : _recordNumber + 1;
        return _utf8Detected && _encoding == TextEncoding.Utf8 && !_cutOff
            ? new TabularFileException("import.file.mixed_encoding", [row],
                $"Row {row}: the file starts as UTF-8 but this row has bytes of another encoding (GBK?). Save the whole file in one encoding.", row)
            : new TabularFileException("import.file.bad_bytes", [row, Encoding],
                $"Row {row}: bytes that are not valid {Encoding}. The file is damaged or mixes encodings.", row);
    }

    private void ReadBytes()
    {
        if (_byteStart > 0)
        {
            _bytes.AsSpan(_byteStart, _byteEnd - _byteStart).CopyTo(_bytes);
            _byteEnd -= _byteStart;
            _byteStart = 0;
        }
        var n = _stream.Read(_bytes, _byteEnd, BufferSize - _byteEnd);
        if (n == 0) _endOfStream = true;
        _byteEnd += n;
    }

    /// <summary>Decodes the buffered bytes into the (empty) character buffer; returns the characters written.</summary>
    private int Decode()
    {
        var source = _bytes.AsSpan(_byteStart, _byteEnd - _byteStart);
        if (source.IsEmpty) return 0;
        switch (_encoding)
        {
            case TextEncoding.Utf8:
            {
                var status = Utf8.ToUtf16(source, _chars.AsSpan(0, BufferSize), out var read, out var written,
                    replaceInvalidSequences: false, isFinalBlock: _endOfStream);
                _byteStart += read;
                if (status == OperationStatus.InvalidData)
                {
                    _invalidBytesAhead = true;
                    // Only the start of a character left at the end: the file was cut off, not mixed.
                    Span<char> scratch = stackalloc char[4];
                    _cutOff = _endOfStream && Utf8.ToUtf16(source[read..], scratch, out _, out _, false, isFinalBlock: false) == OperationStatus.NeedMoreData;
                }
                return written;
            }
            case TextEncoding.Gb18030:
            {
                var (valid, invalid) = Gb18030Prefix(source, _endOfStream);
                var written = 0;
                if (valid > 0)
                {
                    try
                    {
                        written = _gb18030!.GetChars(_bytes, _byteStart, valid, _chars, 0);
                    }
                    catch (DecoderFallbackException)
                    {
                        // Well-formed but unassigned four-byte codes: find the first, keep what comes before it.
                        (valid, written) = DecodeUpToUnassigned(source[..valid]);
                        invalid = true;
                    }
                }
                _byteStart += valid;
                if (invalid) _invalidBytesAhead = true;
                return written;
            }
            default:
            {
                try
                {
                    _utf16!.Convert(_bytes, _byteStart, source.Length, _chars, 0, BufferSize, _endOfStream, out var used, out var written, out _);
                    _byteStart += used;
                    return written;
                }
                catch (ArgumentException)
                {
                    _invalidBytesAhead = true;
                    return 0;
                }
            }
        }
    }

    /// <summary>
    /// The length of the longest prefix made of whole, well-formed GB18030 sequences, and whether what follows is
    /// malformed (rather than a sequence cut off by the end of the buffer). One byte 00–7F; two bytes 81–FE then
    /// 40–7E or 80–FE; four bytes 81–FE, 30–39, 81–FE, 30–39.
    /// </summary>
    internal static (int Valid, bool Invalid) Gb18030Prefix(ReadOnlySpan<byte> s, bool final)
    {
        var i = 0;
        while (i < s.Length)
        {
            var ascii = s[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (ascii < 0) return (s.Length, false);
            i += ascii;
            var b = s[i];
            if (b is 0x80 or 0xFF) return (i, true);
            if (i + 1 >= s.Length) return (i, final);
            var b2 = s[i + 1];
            if (b2 is >= 0x40 and <= 0x7E or >= 0x80 and <= 0xFE) { i += 2; continue; }
            if (b2 is < 0x30 or > 0x39) return (i, true);
            if (i + 3 >= s.Length) return (i, final);
            if (s[i + 2] is < 0x81 or > 0xFE || s[i + 3] is < 0x30 or > 0x39) return (i, true);
            i += 4;
        }
        return (i, false);
    }

    private (int Valid, int Written) DecodeUpToUnassigned(ReadOnlySpan<byte> source)
    {
        var valid = 0;
        var written = 0;
        while (valid < source.Length)
        {
            var length = source[valid] < 0x80 ? 1 : source[valid + 1] is >= 0x30 and <= 0x39 ? 4 : 2;
            try
            {
                written += _gb18030!.GetChars(source.Slice(valid, length), _chars.AsSpan(written));
            }
            catch (DecoderFallbackException)
            {
                break;
            }
            valid += length;
        }
        return (valid, written);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<char>.Shared.Return(_chars);
    }
}
