// Namespaces nearly every test file opens (the browser tests link this folder too): the test support and the data context.
global using Microsoft.EntityFrameworkCore;
global using Qualis.Platform.Data;
global using Qualis.Tests.Support;
