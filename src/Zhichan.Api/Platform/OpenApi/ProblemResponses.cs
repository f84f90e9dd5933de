using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Zhichan.Api.Platform.OpenApi;

/// <summary>
/// The one convention that declares the problem answers (RFC 7807) of every endpoint, so that the OpenAPI document lists
/// them without each handler repeating them (ADR 0012). Derived from what the endpoint is, after all its other conventions:
/// <list type="bullet">
/// <item>400 validation problem — any operation that takes input (route, query, body or form; every write also checks the antiforgery token);</item>
/// <item>401 and 403 — an operation that requires authorization (403 also for the row checks of the handlers);</item>
/// <item>404 — an operation addressing something by route parameter;</item>
/// <item>409 — every write (a state or uniqueness conflict);</item>
/// <item>429 — an operation under a rate limit.</item>
/// </list>
/// Answers a handler declares itself (<c>ProducesProblem</c>, typed <c>Results&lt;…&gt;</c>) are kept, never duplicated.
/// </summary>
public static class ProblemResponses
{
    public static TBuilder WithProblemResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(Declare);
        return builder;
    }

    private static void Declare(EndpointBuilder e)
    {
        var m = e.Metadata;
        var declared = m.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).ToHashSet();
        void Add(int status, Type type)
        {
            if (declared.Add(status)) m.Add(new ProducesResponseTypeMetadata(status, type, ["application/problem+json"]));
        }

        var methods = m.OfType<IHttpMethodMetadata>().SelectMany(x => x.HttpMethods).ToList();
        var isWrite = methods.Any(x => !HttpMethods.IsGet(x) && !HttpMethods.IsHead(x) && !HttpMethods.IsOptions(x));
        var routeParameters = (e as RouteEndpointBuilder)?.RoutePattern.Parameters.Count(p => !p.IsCatchAll) ?? 0;
        var takesInput = isWrite || routeParameters > 0 || m.OfType<MethodInfo>().Any(h => h.GetParameters().Any(IsRequestInput));
        var authorized = m.OfType<IAuthorizeData>().Any() && !m.OfType<IAllowAnonymous>().Any();

        if (takesInput) Add(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
        if (authorized)
        {
            Add(StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
            Add(StatusCodes.Status403Forbidden, typeof(ProblemDetails));
        }
        if (routeParameters > 0) Add(StatusCodes.Status404NotFound, typeof(ProblemDetails));
        if (isWrite) Add(StatusCodes.Status409Conflict, typeof(ProblemDetails));
        if (m.OfType<EnableRateLimitingAttribute>().Any()) Add(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails));
    }

    /// <summary>A handler parameter bound from the request (a query value), as opposed to a service or the cancellation token.</summary>
    private static bool IsRequestInput(ParameterInfo p)
    {
        var t = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        if (t.IsArray) t = t.GetElementType()!;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(Guid) || typeof(IFormFile).IsAssignableFrom(t) || typeof(IFormFileCollection).IsAssignableFrom(t)
            || p.GetCustomAttributes().Any(a => a is IFromBodyMetadata or IFromQueryMetadata or IFromFormMetadata or AsParametersAttribute);
    }
}
