// The namespaces nearly every use-case file needs, imported once (ADR 0012): one file per use case would otherwise repeat
// the same block of usings at the top of each file.
global using Dapper;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using Npgsql;
global using Zhichan.Api.Platform;
global using Zhichan.Api.Platform.Audit;
global using Zhichan.Api.Platform.Auth;
global using Zhichan.Api.Platform.Database;
global using Zhichan.Api.Platform.Errors;
global using Zhichan.Api.Platform.Calendar;
