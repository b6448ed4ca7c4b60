// Command wintool prepares and checks Selo's Windows build without the Wails
// CLI's build pipeline (which rewrites frontend/wailsjs on every run).
//
//	wintool rc -version 0.1.0 -out DIR
//	    renders build/windows/wails.exe.manifest and build/windows/info.json
//	    with the project data from wails.json (the same templates `wails build`
//	    fills) and writes DIR/selo.rc for windres: icon (group id 3, the one
//	    the Wails window loads), version info and manifest. It refuses to run
//	    when wails.json info.productVersion differs from -version, so the
//	    Makefile VERSION and wails.json never drift apart.
//
//	wintool check -version 0.1.0 [-app] FILE.exe...
//	    parses each PE file's resources with debug/pe and checks that a
//	    version resource is present with ProductVersion equal to -version;
//	    with -app also that the icon group and the manifest are there; with
//	    -manifest TEXT that the manifest contains TEXT; with -wails FILE that
//	    the company, product, copyright and comments match FILE's info.
//
// Only the standard library is used. Run it with `go run ./build/wintool`.
package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf16"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: wintool rc|check ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "rc":
		err = cmdRC(os.Args[2:])
	case "check":
		err = cmdCheck(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wintool:", err)
		os.Exit(1)
	}
}

// project mirrors the fields of wails.json that Wails' templates use.
type project struct {
	Name string `json:"name"`
	Info struct {
		CompanyName    string `json:"companyName"`
		ProductName    string `json:"productName"`
		ProductVersion string `json:"productVersion"`
		Copyright      string `json:"copyright"`
		Comments       string `json:"comments"`
	} `json:"info"`
}

func cmdRC(args []string) error {
	fs := flag.NewFlagSet("rc", flag.ExitOnError)
	version := fs.String("version", "", "the Makefile VERSION")
	wailsJSON := fs.String("wails", "wails.json", "the Wails project file")
	winDir := fs.String("windows", "build/windows", "folder with icon.ico, info.json, wails.exe.manifest")
	out := fs.String("out", "", "folder for selo.rc and the rendered manifest")
	_ = fs.Parse(args)
	if *version == "" || *out == "" {
		return errors.New("rc: -version and -out are required")
	}
	raw, err := os.ReadFile(*wailsJSON)
	if err != nil {
		return err
	}
	var p project
	if err := json.Unmarshal(raw, &p); err != nil {
		return fmt.Errorf("%s: %w", *wailsJSON, err)
	}
	if p.Info.ProductVersion != *version {
		return fmt.Errorf("%s info.productVersion is %q but the Makefile VERSION is %q: set both to the same version",
			*wailsJSON, p.Info.ProductVersion, *version)
	}
	nums, err := versionNumbers(*version)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	manifest, err := render(filepath.Join(*winDir, "wails.exe.manifest"), p)
	if err != nil {
		return err
	}
	manifestPath := filepath.Join(*out, "selo.exe.manifest")
	if err := os.WriteFile(manifestPath, manifest, 0o644); err != nil {
		return err
	}
	infoRaw, err := render(filepath.Join(*winDir, "info.json"), p)
	if err != nil {
		return err
	}
	var info struct {
		Fixed struct {
			FileVersion string `json:"file_version"`
		} `json:"fixed"`
		Info map[string]map[string]string `json:"info"`
	}
	if err := json.Unmarshal(infoRaw, &info); err != nil {
		return fmt.Errorf("info.json: %w", err)
	}
	icon, err := filepath.Abs(filepath.Join(*winDir, "icon.ico"))
	if err != nil {
		return err
	}
	absManifest, err := filepath.Abs(manifestPath)
	if err != nil {
		return err
	}

	var b strings.Builder
	b.WriteString("#pragma code_page(65001)\n")
	// Group icon 3 is the id the Wails window loads as its icon (winc.AppIconID).
	fmt.Fprintf(&b, "3 ICON %s\n", rcString(filepath.ToSlash(icon)))
	fmt.Fprintf(&b, "1 24 %s\n", rcString(filepath.ToSlash(absManifest)))
	fv := nums
	if info.Fixed.FileVersion != "" {
		if fv, err = versionNumbers(info.Fixed.FileVersion); err != nil {
			return err
		}
	}
	b.WriteString("1 VERSIONINFO\n")
	fmt.Fprintf(&b, "FILEVERSION %d,%d,%d,%d\n", fv[0], fv[1], fv[2], fv[3])
	fmt.Fprintf(&b, "PRODUCTVERSION %d,%d,%d,%d\n", nums[0], nums[1], nums[2], nums[3])
	b.WriteString("FILEFLAGSMASK 0x3f\nFILEFLAGS 0x0\nFILEOS 0x40004\nFILETYPE 0x1\nFILESUBTYPE 0x0\n")
	b.WriteString("BEGIN\n  BLOCK \"StringFileInfo\"\n  BEGIN\n")
	langs := make([]string, 0, len(info.Info))
	for l := range info.Info {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var translations []string
	for _, l := range langs {
		id, err := strconv.ParseUint(l, 16, 16)
		if err != nil {
			return fmt.Errorf("info.json: language key %q is not a 4-digit hex LCID", l)
		}
		fmt.Fprintf(&b, "    BLOCK \"%04x04b0\"\n    BEGIN\n", id)
		strs := info.Info[l]
		if _, ok := strs["FileVersion"]; !ok {
			strs["FileVersion"] = *version
		}
		keys := make([]string, 0, len(strs))
		for k := range strs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "      VALUE %s, L%s\n", rcString(k), rcString(strs[k]+"\x00"))
		}
		b.WriteString("    END\n")
		translations = append(translations, fmt.Sprintf("0x%x, 1200", id))
	}
	b.WriteString("  END\n  BLOCK \"VarFileInfo\"\n  BEGIN\n")
	fmt.Fprintf(&b, "    VALUE \"Translation\", %s\n", strings.Join(translations, ", "))
	b.WriteString("  END\nEND\n")
	return os.WriteFile(filepath.Join(*out, "selo.rc"), []byte(b.String()), 0o644)
}

// render fills one of Wails' build asset templates with the project data,
// as `wails build` does ({{.Name}}, {{.Info.ProductVersion}}, ...).
func render(path string, p project) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := template.New(filepath.Base(path)).Option("missingkey=error").Parse(string(raw))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := t.Execute(&out, p); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var versionRE = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?`)

// versionNumbers turns "0.1.0" (or "0.1.0-rc1") into the four numbers a
// Windows version resource holds.
func versionNumbers(v string) ([4]uint16, error) {
	var n [4]uint16
	m := versionRE.FindStringSubmatch(v)
	if m == nil {
		return n, fmt.Errorf("version %q is not MAJOR.MINOR.PATCH", v)
	}
	for i := 0; i < 4; i++ {
		if m[i+1] == "" {
			continue
		}
		x, err := strconv.ParseUint(m[i+1], 10, 16)
		if err != nil {
			return n, fmt.Errorf("version %q: %w", v, err)
		}
		n[i] = uint16(x)
	}
	return n, nil
}

// rcString quotes s for a resource script: "" for a quote, \\ for a
// backslash, and every character outside ASCII as UTF-16 \xHHHH escapes,
// because windres does not decode UTF-8 in wide strings (it sign-extends
// each byte). Only wide (L"...") strings may hold non-ASCII text.
func rcString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`""`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == 0:
			b.WriteString(`\0`)
		case r < 0x20 || r > 0x7e:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, `\x%04x`, u)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Resource type ids (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

func cmdCheck(args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	version := fs.String("version", "", "expected ProductVersion")
	app := fs.Bool("app", false, "also require the icon group and the manifest")
	manifestHas := fs.String("manifest", "", "require a manifest containing this text")
	wailsJSON := fs.String("wails", "", "require the version strings to match this wails.json's info")
	_ = fs.Parse(args)
	if *version == "" || fs.NArg() == 0 {
		return errors.New("check: -version and at least one file are required")
	}
	for _, file := range fs.Args() {
		res, err := readResources(file)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		vi, ok := res[rtVersion]
		if !ok || len(vi) == 0 {
			return fmt.Errorf("%s: no version resource", file)
		}
		fixed, strs, err := parseVersionInfo(vi[0])
		if err != nil {
			return fmt.Errorf("%s: version resource: %w", file, err)
		}
		if strs["ProductVersion"] != *version {
			return fmt.Errorf("%s: ProductVersion is %q, want %q", file, strs["ProductVersion"], *version)
		}
		want, _ := versionNumbers(*version)
		if fixed != want {
			return fmt.Errorf("%s: fixed product version is %v, want %v", file, fixed, want)
		}
		if *app {
			if len(res[rtGroupIcon]) == 0 || len(res[rtIcon]) == 0 {
				return fmt.Errorf("%s: no icon", file)
			}
			m := res[rtManifest]
			if len(m) == 0 || !bytes.Contains(m[0], []byte("<assembly")) {
				return fmt.Errorf("%s: no application manifest", file)
			}
		}
		if *wailsJSON != "" {
			raw, err := os.ReadFile(*wailsJSON)
			if err != nil {
				return err
			}
			var p project
			if err := json.Unmarshal(raw, &p); err != nil {
				return fmt.Errorf("%s: %w", *wailsJSON, err)
			}
			for k, want := range map[string]string{"CompanyName": p.Info.CompanyName, "ProductName": p.Info.ProductName,
				"LegalCopyright": p.Info.Copyright, "Comments": p.Info.Comments} {
				if strs[k] != want {
					return fmt.Errorf("%s: %s is %q, want %q as in %s", file, k, strs[k], want, *wailsJSON)
				}
			}
		}
		if *manifestHas != "" {
			m := res[rtManifest]
			if len(m) == 0 || !bytes.Contains(m[0], []byte(*manifestHas)) {
				return fmt.Errorf("%s: the manifest does not contain %s", file, *manifestHas)
			}
		}
		fmt.Printf("%s: version resource ProductVersion=%s ProductName=%q CompanyName=%q FileDescription=%q LegalCopyright=%q Comments=%q",
			filepath.Base(file), strs["ProductVersion"], strs["ProductName"], strs["CompanyName"], strs["FileDescription"], strs["LegalCopyright"], strs["Comments"])
		if *manifestHas != "" {
			fmt.Printf("; manifest has %s", *manifestHas)
		}
		if *app {
			fmt.Printf("; %d icon images; manifest %d bytes", len(res[rtIcon]), len(res[rtManifest][0]))
		}
		fmt.Println()
	}
	return nil
}

// readResources returns the data of every resource in file's .rsrc section,
// grouped by numeric type id (named types are skipped).
func readResources(file string) (map[int][][]byte, error) {
	f, err := pe.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := f.Section(".rsrc")
	if s == nil {
		return nil, errors.New("no .rsrc section")
	}
	data, err := s.Data()
	if err != nil {
		return nil, err
	}
	out := map[int][][]byte{}
	var walk func(off uint32, depth int, typ int) error
	walk = func(off uint32, depth int, typ int) error {
		if depth > 3 || int(off)+16 > len(data) {
			return errors.New("malformed resource directory")
		}
		n := int(binary.LittleEndian.Uint16(data[off+12:])) + int(binary.LittleEndian.Uint16(data[off+14:]))
		for i := 0; i < n; i++ {
			e := int(off) + 16 + 8*i
			if e+8 > len(data) {
				return errors.New("malformed resource entry")
			}
			name := binary.LittleEndian.Uint32(data[e:])
			target := binary.LittleEndian.Uint32(data[e+4:])
			t := typ
			if depth == 0 {
				if name&0x80000000 != 0 {
					continue // a named type, not one we look for
				}
				t = int(name)
			}
			if target&0x80000000 != 0 {
				if err := walk(target&0x7fffffff, depth+1, t); err != nil {
					return err
				}
				continue
			}
			if int(target)+16 > len(data) {
				return errors.New("malformed resource data entry")
			}
			rva := binary.LittleEndian.Uint32(data[target:])
			size := binary.LittleEndian.Uint32(data[target+4:])
			start := int64(rva) - int64(s.VirtualAddress)
			if start < 0 || start+int64(size) > int64(len(data)) {
				return errors.New("resource data outside .rsrc")
			}
			out[t] = append(out[t], data[start:start+int64(size)])
		}
		return nil
	}
	return out, walk(0, 0, 0)
}

// parseVersionInfo reads a VS_VERSIONINFO block: the fixed product version
// and the strings of every string table.
func parseVersionInfo(b []byte) ([4]uint16, map[string]string, error) {
	var fixed [4]uint16
	key, val, children, err := block(b)
	if err != nil {
		return fixed, nil, err
	}
	if key != "VS_VERSION_INFO" {
		return fixed, nil, fmt.Errorf("unexpected root key %q", key)
	}
	if len(val) < 52 || binary.LittleEndian.Uint32(val) != 0xFEEF04BD {
		return fixed, nil, errors.New("no VS_FIXEDFILEINFO")
	}
	ms := binary.LittleEndian.Uint32(val[16:])
	ls := binary.LittleEndian.Uint32(val[20:])
	fixed = [4]uint16{uint16(ms >> 16), uint16(ms), uint16(ls >> 16), uint16(ls)}
	strs := map[string]string{}
	err = eachBlock(children, func(k string, _ []byte, kids []byte) error {
		if k != "StringFileInfo" {
			return nil
		}
		return eachBlock(kids, func(_ string, _ []byte, table []byte) error {
			return eachBlock(table, func(name string, v []byte, _ []byte) error {
				strs[name] = strings.TrimRight(utf16String(v), "\x00")
				return nil
			})
		})
	})
	return fixed, strs, err
}

// block splits one version-info node into its key, value and children.
func block(b []byte) (key string, val, children []byte, err error) {
	if len(b) < 6 {
		return "", nil, nil, errors.New("short block")
	}
	length := int(binary.LittleEndian.Uint16(b))
	valLen := int(binary.LittleEndian.Uint16(b[2:]))
	typ := binary.LittleEndian.Uint16(b[4:])
	if length < 6 || length > len(b) {
		return "", nil, nil, errors.New("bad block length")
	}
	b = b[:length]
	pos := 6
	var k []uint16
	for ; pos+1 < len(b); pos += 2 {
		c := binary.LittleEndian.Uint16(b[pos:])
		if c == 0 {
			break
		}
		k = append(k, c)
	}
	pos = align4(pos + 2)
	n := valLen
	if typ == 1 {
		n = valLen * 2
	}
	if pos+n > len(b) {
		if pos >= len(b) {
			return string(utf16.Decode(k)), nil, nil, nil
		}
		n = len(b) - pos
	}
	val = b[pos : pos+n]
	pos = align4(pos + n)
	if pos < len(b) {
		children = b[pos:]
	}
	return string(utf16.Decode(k)), val, children, nil
}

func eachBlock(b []byte, fn func(key string, val, children []byte) error) error {
	for len(b) >= 6 {
		length := int(binary.LittleEndian.Uint16(b))
		if length == 0 {
			return nil
		}
		k, v, c, err := block(b)
		if err != nil {
			return err
		}
		if err := fn(k, v, c); err != nil {
			return err
		}
		next := align4(length)
		if next >= len(b) {
			return nil
		}
		b = b[next:]
	}
	return nil
}

func align4(n int) int { return (n + 3) &^ 3 }

func utf16String(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}
