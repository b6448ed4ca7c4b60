Unicode true

####
## Selo's Windows installer, adapted from the template that `wails build -nsis`
## writes. It installs for the current user only: no administrator rights,
## files under %LOCALAPPDATA%\Programs\Selo, registry under HKCU, shortcuts in
## the user's Start menu and desktop. Uninstalling keeps the user's data
## (%AppData%\Selo: database, contracts, logs) unless the user ticks the option
## to remove it (or passes /REMOVEDATA to a silent uninstall).
##
## Built by build/scripts/windows-installer.sh (`make windows-installer`):
##   makensis -DARG_WAILS_AMD64_BINARY=/abs/selo.exe -DINFO_PRODUCTVERSION=0.1.0 \
##            -DSELO_VERSION_QUAD=0.1.0.0 -DWEBVIEW2_BOOTSTRAPPER=/abs/MicrosoftEdgeWebview2Setup.exe \
##            -DOUTPUT_FILE=/abs/selo-0.1.0-setup.exe project.nsi
## INFO_PRODUCTVERSION comes from the Makefile VERSION; wails_tools.nsh only
## supplies it when it is not given. wails_tools.nsh is the file `wails build
## -nsis` renders from wails.json: it is kept unedited (Wails rewrites it), and
## everything Selo changes is here.
####
!define INFO_PROJECTNAME    "selo"
!define PRODUCT_EXECUTABLE  "selo.exe"
!define UNINST_KEY_NAME     "Selo"
!define REQUEST_EXECUTION_LEVEL "user"
# The user's data folder, as backend/datahome resolves it on Windows
# (os.UserConfigDir() = %AppData%, plus "Selo").
!define SELO_DATA_DIRNAME   "Selo"

!include "wails_tools.nsh"

!ifndef SELO_VERSION_QUAD
    !define SELO_VERSION_QUAD "${INFO_PRODUCTVERSION}.0"
!endif
!ifndef OUTPUT_FILE
    !define OUTPUT_FILE "..\..\bin\selo-${INFO_PRODUCTVERSION}-setup.exe"
!endif
!ifndef WEBVIEW2_BOOTSTRAPPER
    !define WEBVIEW2_BOOTSTRAPPER "tmp\MicrosoftEdgeWebview2Setup.exe"
!endif

# The version information: these two must consist of 4 numbers.
VIProductVersion "${SELO_VERSION_QUAD}"
VIFileVersion    "${SELO_VERSION_QUAD}"

VIAddVersionKey "CompanyName"     "${INFO_COMPANYNAME}"
VIAddVersionKey "FileDescription" "${INFO_PRODUCTNAME} Installer"
VIAddVersionKey "ProductVersion"  "${INFO_PRODUCTVERSION}"
VIAddVersionKey "FileVersion"     "${INFO_PRODUCTVERSION}"
VIAddVersionKey "LegalCopyright"  "${INFO_COPYRIGHT}"
VIAddVersionKey "ProductName"     "${INFO_PRODUCTNAME}"

# Enable HiDPI support. https://nsis.sourceforge.io/Reference/ManifestDPIAware
ManifestDPIAware true

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT_EXECUTABLE}"
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

# The first language is the default; Windows in English gets English.
!insertmacro MUI_LANGUAGE "PortugueseBR"
!insertmacro MUI_LANGUAGE "English"

LangString SEC_PROGRAM ${LANG_PORTUGUESEBR} "Programa Selo"
LangString SEC_PROGRAM ${LANG_ENGLISH}      "Selo program"
LangString SEC_DATA    ${LANG_PORTUGUESEBR} "Apagar também os dados (banco de dados, contratos e logs em %AppData%\${SELO_DATA_DIRNAME})"
LangString SEC_DATA    ${LANG_ENGLISH}      "Also delete the data (database, contracts and logs in %AppData%\${SELO_DATA_DIRNAME})"
LangString MSG_RUNNING ${LANG_PORTUGUESEBR} "O Selo está aberto. Feche o Selo e clique em Repetir."
LangString MSG_RUNNING ${LANG_ENGLISH}      "Selo is running. Close Selo and click Retry."
LangString MSG_WEBVIEW ${LANG_PORTUGUESEBR} "Instalando: WebView2 Runtime"
LangString MSG_WEBVIEW ${LANG_ENGLISH}      "Installing: WebView2 Runtime"

## Uncomment to sign the installer and the uninstaller; %1 is the file.
#!uninstfinalize 'osslsigncode sign ... -in "%1" -out "%1.signed" && mv "%1.signed" "%1"'
#!finalize 'osslsigncode sign ... -in "%1" -out "%1.signed" && mv "%1.signed" "%1"'

Name "${INFO_PRODUCTNAME}"
OutFile "${OUTPUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${INFO_PRODUCTNAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

# The WebView2 runtime is installed machine-wide (HKLM) or for this user
# (HKCU); when neither has a version, run the bootstrapper. (Wails' own macro
# reads the HKCU key without the backslash before the GUID.)
!define WEBVIEW2_CLIENT_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!macro selo.webview2runtime
    SetRegView 64
    ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT_KEY}" "pv"
    ${If} $0 == ""
    ${OrIf} $0 == "0.0.0.0"
        ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT_KEY}" "pv"
    ${EndIf}
    ${If} $0 == ""
    ${OrIf} $0 == "0.0.0.0"
        SetDetailsPrint both
        DetailPrint "$(MSG_WEBVIEW)"
        SetDetailsPrint listonly
        InitPluginsDir
        CreateDirectory "$PLUGINSDIR\webview2bootstrapper"
        SetOutPath "$PLUGINSDIR\webview2bootstrapper"
        File "/oname=MicrosoftEdgeWebview2Setup.exe" "${WEBVIEW2_BOOTSTRAPPER}"
        ExecWait '"$PLUGINSDIR\webview2bootstrapper\MicrosoftEdgeWebview2Setup.exe" /silent /install'
        SetDetailsPrint both
    ${EndIf}
!macroend

# Wails' wails.writeUninstaller writes to HKLM; this one to HKCU.
!macro selo.writeUninstaller
    WriteUninstaller "$INSTDIR\uninstall.exe"

    SetRegView 64
    WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${INFO_COMPANYNAME}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${INFO_PRODUCTNAME}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${INFO_PRODUCTVERSION}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
    WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1

    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    IntFmt $0 "0x%08X" $0
    WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
!macroend

Function .onInit
    !insertmacro wails.checkArchitecture
    SetShellVarContext current
FunctionEnd

Section
    !insertmacro wails.setShellContext

    !insertmacro selo.webview2runtime

    SetOutPath $INSTDIR

    !insertmacro wails.files

    CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    CreateShortCut "$DESKTOP\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    !insertmacro selo.writeUninstaller
SectionEnd

Section "!un.$(SEC_PROGRAM)" SEC_UN_PROGRAM
    SectionIn RO
    !insertmacro wails.setShellContext

    # The executable cannot be deleted while Selo runs.
    retry:
    ClearErrors
    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
    ${If} ${FileExists} "$INSTDIR\${PRODUCT_EXECUTABLE}"
        IfSilent abort
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MSG_RUNNING)" IDRETRY retry
        abort:
        Abort
    ${EndIf}

    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"
    Delete "$DESKTOP\${INFO_PRODUCTNAME}.lnk"

    # WebView2's cache for this executable (Wails' default user data folder),
    # not the user's data.
    RMDir /r "$APPDATA\${PRODUCT_EXECUTABLE}"

    Delete "$INSTDIR\uninstall.exe"
    # Not /r: only the files Selo put there, in case the user chose a folder
    # that holds other things.
    RMDir "$INSTDIR"

    SetRegView 64
    DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

Section /o "un.$(SEC_DATA)" SEC_UN_DATA
    SetShellVarContext current
    RMDir /r "$APPDATA\${SELO_DATA_DIRNAME}"
SectionEnd

# After the sections, so that SEC_UN_DATA is defined.
Function un.onInit
    SetShellVarContext current
    # A silent uninstall keeps the data unless asked: uninstall.exe /S /REMOVEDATA
    ${un.GetParameters} $R0
    ClearErrors
    ${un.GetOptions} $R0 "/REMOVEDATA" $R1
    ${IfNot} ${Errors}
        SectionSetFlags ${SEC_UN_DATA} ${SF_SELECTED}
    ${EndIf}
FunctionEnd
