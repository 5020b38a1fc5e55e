using Observatory.Collectors.Engines.Wasmtime;

namespace Observatory.Tests.Collectors;

public sealed class WasmtimeSettingsTests
{
    [Theory]
    [InlineData("cranelift")]
    [InlineData("cranelift+opt-none")]
    [InlineData("winch")]
    [InlineData("pulley")]
    [InlineData("cranelift+pooling")]
    [InlineData("cranelift+precompiled")]
    [InlineData("pulley+opt-none+pooling+precompiled")]
    public void Keys_round_trip(string key) => Assert.Equal(key, WasmtimeSettings.Parse(key).Key);

    [Fact]
    public void The_old_tier_colon_opt_form_is_still_read() =>
        Assert.Equal(new WasmtimeSettings("cranelift", "none"), WasmtimeSettings.Parse("cranelift:none"));

    [Theory]
    [InlineData("llvm", "unknown wasmtime tier 'llvm'")]
    [InlineData("cranelift+fast", "unknown wasmtime option 'fast'")]
    public void Bad_keys_say_what_is_known(string key, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => WasmtimeSettings.Parse(key)).Message);

    [Fact]
    public void Every_standard_configuration_passes_its_probe()
    {
        foreach (var s in WasmtimeSettings.Standard)
            Assert.Null(WasmtimeProbe.Verify(s));
    }
}
