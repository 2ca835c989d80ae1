using System;
using System.Collections.Generic;
using System.Text.Json;

namespace OpenCx.Sandbox.Filtering;

/// <summary>
/// Validates a request body against the spec's FilterSessionsPublicDto and reads it. Each
/// violation throws <see cref="InvalidFilterRequestException"/> with the path of the field
/// (for example "filters.channels[0]"). Properties the schema does not name are ignored: it
/// does not forbid them.
/// </summary>
internal static class FilterRequestParser
{
    public static FilterRequest Parse(byte[]? body)
    {
        if (body is null || body.Length == 0)
        {
            throw new InvalidFilterRequestException("body is required: send a JSON object, for example {}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidFilterRequestException("body is not valid JSON: " + e.Message);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidFilterRequestException("body must be an object");
            }

            var request = new FilterRequest();
            foreach (JsonProperty property in root.EnumerateObject())
            {
                JsonElement value = property.Value;
                switch (property.Name)
                {
                    case "filters":
                        request.Filter = FiltersParser.Parse(value, "filters");
                        break;
                    case "sort_by":
                        request.SortByCreatedAt = JsonRead.Enum(value, "sort_by", SpecVocabulary.SortFields) == "created_at";
                        break;
                    case "sort_order":
                        request.Descending = JsonRead.Enum(value, "sort_order", SpecVocabulary.SortOrders) == "desc";
                        break;
                    case "page":
                        request.Page = JsonRead.Integer(value, "page", 1, JsonRead.MaxSafeInteger);
                        break;
                    case "limit":
                        request.Limit = (int)JsonRead.Integer(value, "limit", 1, FilterRequest.MaxLimit);
                        break;
                }
            }

            return request;
        }
    }
}
