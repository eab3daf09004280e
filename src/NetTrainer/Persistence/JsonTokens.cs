using System.Text.Json;

namespace NetTrainer.Persistence;

/// <summary>
/// JSON tokens pulled one at a time from a stream through a small buffer, so reading a file costs memory for what
/// it declares, not for its length: a 100 MB array is rejected at its first token. Throws JsonException on text
/// that is not JSON and on a single token longer than <see cref="MaxTokenBytes"/> (no number or name is).
/// </summary>
internal sealed class JsonTokens(Stream stream)
{
    private const int InitialBufferBytes = 64 * 1024;

    /// <summary>1 MiB: a number is at most a few hundred characters; a longer token is damage, not data.</summary>
    public const int MaxTokenBytes = 1 << 20;

    private byte[] buffer = new byte[InitialBufferBytes];
    private int start, end;
    private bool finalBlock;
    private JsonReaderState state;

    public JsonTokenType Type { get; private set; }

    /// <summary>The text of a string or property name.</summary>
    public string? Text { get; private set; }

    /// <summary>A number's value, when it is a finite double (else null).</summary>
    public double? Number { get; private set; }

    /// <summary>A number's value, when it is a whole number in int range (else null).</summary>
    public int? Whole { get; private set; }

    /// <summary>Moves to the next token; false at the end of the document.</summary>
    public bool Read()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), finalBlock, state);
            if (reader.Read())
            {
                Capture(ref reader);
                start += (int)reader.BytesConsumed;
                state = reader.CurrentState;
                return true;
            }
            if (finalBlock)
                return false;
            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            Refill();
        }
    }

    /// <summary>Reads the next token, which must exist.</summary>
    public void Next()
    {
        if (!Read())
            throw new JsonException("the text ends early");
    }

    /// <summary>Skips the value that starts at the current token (all of an array or object).</summary>
    public void SkipValue()
    {
        if (Type is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
            return;
        int depth = 1;
        while (depth > 0)
        {
            Next();
            if (Type is JsonTokenType.StartArray or JsonTokenType.StartObject)
                depth++;
            else if (Type is JsonTokenType.EndArray or JsonTokenType.EndObject)
                depth--;
        }
    }

    private void Capture(ref Utf8JsonReader reader)
    {
        Type = reader.TokenType;
        Text = Type is JsonTokenType.String or JsonTokenType.PropertyName ? ReadString(ref reader) : null;
        if (Type == JsonTokenType.Number)
        {
            Number = reader.TryGetDouble(out double v) ? v : null;
            Whole = reader.TryGetInt32(out int n) ? n : null;
        }
        else
        {
            (Number, Whole) = (null, null);
        }
    }

    // The reader checks structure, not encoding: a string of invalid UTF-8 fails only when decoded.
    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"a string is not valid UTF-8 ({e.Message.TrimEnd('.')})", e);
        }
    }

    private void Refill()
    {
        int kept = end - start;
        if (kept == buffer.Length)
        {
            if (buffer.Length >= MaxTokenBytes)
                throw new JsonException($"a single token is longer than {MaxTokenBytes / (1 << 20)} MiB");
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        Buffer.BlockCopy(buffer, start, buffer, 0, kept);
        (start, end) = (0, kept);
        int read = stream.Read(buffer, end, buffer.Length - end);
        end += read;
        finalBlock = read == 0;
    }
}
