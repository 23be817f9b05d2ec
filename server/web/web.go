// Package web holds fahras's search page: one right-to-left Arabic HTML
// page with its script and style sheet, embedded in the binary. The page
// needs nothing from the network but the server's own JSON API under
// /api/v1 (search, suggest and facet values); icons are inline SVG and the
// fonts are the reader's own.
//
// The page keeps its whole state (query, filters, sort, page) in the URL's
// query string, so a result set can be shared by its address and the
// browser's Back and Forward buttons walk through earlier searches.
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

// FS returns the page's files: index.html, app.js and style.css at the
// root. Serve it with http.FileServerFS.
func FS() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		// fs.Sub fails only for an invalid path name; "static" is valid.
		panic("web: " + err.Error())
	}
	return sub
}
