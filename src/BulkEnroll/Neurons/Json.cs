using System.Text.Json;

namespace BulkEnroll.Neurons;

internal static class Json
{
    /// <summary>The API speaks camelCase; reading is case-insensitive so field-name drift does not break us.</summary>
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };
}
