// Namespaces nearly every file of the application opens: the data context and its area filter, pages, access and texts.
// A feature's own namespaces, and other modules' faces, stay explicit in each file, so a file still shows what it reaches.
global using System.Globalization;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Localization;
global using Qualis.Platform.Access;
global using Qualis.Platform.Data;
global using Qualis.Platform.Localization;
global using Qualis.Platform.Regions;
