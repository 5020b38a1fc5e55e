using System.Globalization;
using System.Numerics;

namespace Observatory.Collectors.Conformance.Wast;

/// <summary>
/// Number literals of the text format, to bit patterns: integers (decimal or hex, signed
/// or unsigned, underscores between digits) and floats (decimal, hex floats like
/// 0x1.8p-3, inf, nan, nan:0x...), correctly rounded (round to nearest, ties to even).
/// Returns false for a literal that is not well formed or out of range.
/// </summary>
public static class WastNumbers
{
    public static bool TryParseInt(string text, int bits, out ulong value)
    {
        value = 0;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) { negative = s[0] == '-'; s = s[1..]; }
        if (s.Length == 0) return false;
        var hex = s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
        if (hex) s = s[2..];
        if (!TryDigits(s, hex ? 16 : 10, out var magnitude)) return false;
        var max = BigInteger.One << bits;
        if (negative)
        {
            if (magnitude > max / 2) return false;
            magnitude = (max - magnitude) % max;
        }
        else if (magnitude >= max) return false;
        value = (ulong)magnitude;
        return true;
    }

    /// <summary>Digits with optional single underscores between them (not leading, trailing or doubled).</summary>
    private static bool TryDigits(ReadOnlySpan<char> s, int radix, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (s.Length == 0 || s[0] == '_' || s[^1] == '_') return false;
        ulong acc = 0;
        var accDigits = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '_')
            {
                if (s[i - 1] == '_') return false;
                continue;
            }
            var d = Digit(c);
            if (d < 0 || d >= radix) return false;
            acc = acc * (ulong)radix + (ulong)d;
            if (++accDigits == 15)
            {
                value = value * BigInteger.Pow(radix, accDigits) + acc;
                acc = 0;
                accDigits = 0;
            }
        }
        if (accDigits > 0) value = value * BigInteger.Pow(radix, accDigits) + acc;
        return true;
    }

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    public static bool TryParseF32(string text, out uint bits)
    {
        var ok = TryParseFloat(text, 23, 8, out var b);
        bits = (uint)b;
        return ok;
    }

    public static bool TryParseF64(string text, out ulong bits) => TryParseFloat(text, 52, 11, out bits);

    private static bool TryParseFloat(string text, int mantBits, int expBits, out ulong bits)
    {
        bits = 0;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-')) { negative = s[0] == '-'; s = s[1..]; }
        var sign = negative ? 1UL << (mantBits + expBits) : 0;
        var expMask = ((1UL << expBits) - 1) << mantBits;
        if (s.SequenceEqual("inf")) { bits = sign | expMask; return true; }
        if (s.SequenceEqual("nan")) { bits = sign | expMask | (1UL << (mantBits - 1)); return true; }
        if (s.StartsWith("nan:0x"))
        {
            if (!TryDigits(s[6..], 16, out var payload) || payload.IsZero || payload >= (BigInteger.One << mantBits)) return false;
            bits = sign | expMask | (ulong)payload;
            return true;
        }
        if (s.Length == 0) return false;
        if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        {
            if (!TryHexFloat(s[2..], out var m, out var e2)) return false;
            return TryRound(m, e2, mantBits, expBits, sign, out bits);
        }
        return TryDecimal(s, mantBits, sign, out bits);
    }

    private static bool TryDecimal(ReadOnlySpan<char> s, int mantBits, ulong sign, out ulong bits)
    {
        bits = 0;
        // Shape check (digits [. digits?] [e|E [+-] digits]) with underscores only between digits.
        var i = 0;
        var clean = new System.Text.StringBuilder(s.Length);
        if (!DigitRun(s, ref i, clean)) return false;
        if (i < s.Length && s[i] == '.')
        {
            clean.Append('.');
            i++;
            if (i < s.Length && char.IsAsciiDigit(s[i]) && !DigitRun(s, ref i, clean)) return false;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            clean.Append('e');
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) clean.Append(s[i++]);
            if (!DigitRun(s, ref i, clean)) return false;
        }
        if (i != s.Length) return false;
        // .NET Core 3.0+ parses IEEE-correctly rounded, for float directly (no double rounding).
        if (mantBits == 23)
        {
            var f = float.Parse(clean.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (float.IsInfinity(f)) return false;
            bits = BitConverter.SingleToUInt32Bits(f) | sign;
        }
        else
        {
            var d = double.Parse(clean.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(d)) return false;
            bits = BitConverter.DoubleToUInt64Bits(d) | sign;
        }
        return true;
    }

    private static bool DigitRun(ReadOnlySpan<char> s, ref int i, System.Text.StringBuilder into)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'))
        {
            if (s[i] == '_')
            {
                if (i == start || i + 1 >= s.Length || !char.IsAsciiDigit(s[i + 1])) return false;
            }
            else into.Append(s[i]);
            i++;
        }
        return i > start;
    }

    /// <summary>hexdigits [. hexdigits?] [p|P [+-] decdigits] as mantissa * 2^exponent.</summary>
    private static bool TryHexFloat(ReadOnlySpan<char> s, out BigInteger mantissa, out long exp2)
    {
        mantissa = BigInteger.Zero;
        exp2 = 0;
        var i = 0;
        var digits = new System.Text.StringBuilder();
        var start = i;
        while (i < s.Length && (Uri.IsHexDigit(s[i]) || s[i] == '_'))
        {
            if (s[i] == '_' && (i == start || i + 1 >= s.Length || !Uri.IsHexDigit(s[i + 1]))) return false;
            if (s[i] != '_') digits.Append(s[i]);
            i++;
        }
        if (i == start) return false;
        var fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var fstart = i;
            while (i < s.Length && (Uri.IsHexDigit(s[i]) || s[i] == '_'))
            {
                if (s[i] == '_' && (i == fstart || i + 1 >= s.Length || !Uri.IsHexDigit(s[i + 1]))) return false;
                if (s[i] != '_') { digits.Append(s[i]); fracDigits++; }
                i++;
            }
        }
        long exp = 0;
        if (i < s.Length && (s[i] == 'p' || s[i] == 'P'))
        {
            i++;
            var neg = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) { neg = s[i] == '-'; i++; }
            var estart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'))
            {
                if (s[i] == '_' && (i == estart || i + 1 >= s.Length || !char.IsAsciiDigit(s[i + 1]))) return false;
                if (s[i] != '_' && exp < 100_000_000) exp = exp * 10 + (s[i] - '0');
                i++;
            }
            if (i == estart) return false;
            if (neg) exp = -exp;
        }
        if (i != s.Length) return false;
        mantissa = BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        exp2 = exp - 4L * fracDigits;
        return true;
    }

    /// <summary>Rounds mantissa * 2^exp2 to the nearest float of the given format (ties to even); false on overflow.</summary>
    internal static bool TryRound(BigInteger m, long exp2, int mantBits, int expBits, ulong sign, out ulong bits)
    {
        bits = sign;
        if (m.IsZero) return true;
        var bias = (1L << (expBits - 1)) - 1;
        var emin = 1 - bias;
        var e = (long)m.GetBitLength() - 1 + exp2;              // value in [2^e, 2^(e+1))
        var lsbExp = Math.Max(e, emin) - mantBits;              // weight of the last kept bit
        var shift = lsbExp - exp2;
        BigInteger q;
        if (shift > 0)
        {
            if (shift > m.GetBitLength() + 1) { q = BigInteger.Zero; }
            else
            {
                q = m >> (int)shift;
                var rem = m - (q << (int)shift);
                var half = BigInteger.One << (int)(shift - 1);
                if (rem > half || (rem == half && !q.IsEven)) q += 1;
            }
        }
        else q = m << (int)-shift;
        if ((q >> (mantBits + 1)) != 0) { q >>= 1; lsbExp++; }
        if (q.IsZero) return true; // underflow to zero
        ulong biased;
        ulong frac;
        if (q < (BigInteger.One << mantBits))
        {
            biased = 0;
            frac = (ulong)q;
        }
        else
        {
            var be = lsbExp + mantBits + bias;
            if (be >= (1L << expBits) - 1) return false;
            biased = (ulong)be;
            frac = (ulong)(q - (BigInteger.One << mantBits));
        }
        bits = sign | (biased << mantBits) | frac;
        return true;
    }
}
