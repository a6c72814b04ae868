; Counter (社保卡受理) for Windows: the installer, NSIS 3.
;
; Installs the PyInstaller one-folder bundle (installer/counter.spec, built on Windows
; into dist\counter-app) for every user of the computer:
;   makensis -V2 -DVERSION=0.1.0 installer\windows\counter.nsi
; which writes dist\counter-app-0.1.0-setup.exe. Other defines, all optional:
;   SOURCE_DIR       the bundle's folder        (default ..\..\dist\counter-app)
;   OUTFILE          the installer to write     (default ..\..\dist\counter-app-VERSION-setup.exe)
;   VERSION_NUMERIC  four numbers for the file's version resource (default VERSION.0;
;                    give it when VERSION is not three plain numbers, e.g. 0.2.0rc1)
;   PUBLISHER        shown in Add/Remove Programs
; Relative paths are relative to this script (makensis changes to its folder).
; installer/windows/check-nsis.sh compiles it against a stand-in bundle on Linux.
;
; Where things go:
; - the program: $PROGRAMFILES64\Counter (per machine; administrators install it);
; - a Start-menu entry for all users, named 社保卡受理;
; - the uninstaller, registered in Add/Remove Programs (HKLM, 64-bit view).
;
; What it never touches: each user's data and settings. Counter keeps them in the user's
; profile through platformdirs with the app name "counter-app" and no app author, for
; which platformdirs uses the app name again: %LOCALAPPDATA%\counter-app\counter-app
; (the data folder and settings.toml, logs\, protected\, the built-in central database,
; the font cache in Cache\), and the data key in that user's Windows Credential Manager.
; Counter creates them at its first start under each user, so this installer, running as
; an administrator, never sees them, and the uninstaller removes none of them: an
; uninstall or an upgrade loses no application, photo or setting.
;
; A note for program updates (counter_app/updates, docs/SECURITY.md "Program updates"):
; an update exchanges the program folder whole; the uninstaller is in that folder, so a
; Windows update must carry it over (not yet built on Windows: a per-machine folder in
; Program Files is not writable by the counter's user).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!ifndef VERSION
  !error "Give the version: makensis -DVERSION=1.2.3 counter.nsi"
!endif
!ifndef VERSION_NUMERIC
  !define VERSION_NUMERIC "${VERSION}.0"
!endif
!ifndef SOURCE_DIR
  !define SOURCE_DIR "..\..\dist\counter-app"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\counter-app-${VERSION}-setup.exe"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "Counter"
!endif

!define APP_ID "counter-app"                 ; the Uninstall key's name, the program's name
!define APP_EXE "counter-app.exe"            ; the command line (a console program)
!define SHORTCUT_NAME "社保卡受理"
!define UNINSTALL_EXE "uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\${APP_ID}"

; The Start-menu entry starts the window. A bundle with a windowed executable (built with
; console=False beside the console one, installer/README.md) starts it with no console
; window behind; without one, the console program, whose console stays open beside the
; window (not minimised: Windows may hand a minimised start to the program's first
; window, and the clerk would see nothing).
!if /FileExists "${SOURCE_DIR}\counter-app-window.exe"
  !define WINDOW_EXE "counter-app-window.exe"
!else
  !define WINDOW_EXE "${APP_EXE}"
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

Name "$(ProductName)"
OutFile "${OUTFILE}"
!define DEFAULT_DIR "$PROGRAMFILES64\Counter"
InstallDir "${DEFAULT_DIR}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=0 "ProductName" "Counter"
VIAddVersionKey /LANG=0 "FileDescription" "Counter ${VERSION} setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ABORTWARNING
; No "start it now" box on the last page: the installer runs elevated, often under a
; technician's account, and the program started from it would make its data in that
; account's profile, not the clerk's.
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(DataKept)"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; Windows' display language picks the other.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString ProductName ${LANG_SIMPCHINESE} "社保卡受理"
LangString ProductName ${LANG_ENGLISH} "Counter (社保卡受理)"
LangString Needs64Bit ${LANG_SIMPCHINESE} "社保卡受理需要 64 位 Windows。"
LangString Needs64Bit ${LANG_ENGLISH} "Counter needs 64-bit Windows."
LangString FolderNotOurs ${LANG_SIMPCHINESE} "所选文件夹既不是空文件夹，也不是社保卡受理的安装文件夹：请选择一个空文件夹。"
LangString FolderNotOurs ${LANG_ENGLISH} "The folder chosen is neither empty nor where Counter is installed: choose an empty folder."
LangString DataKept ${LANG_SIMPCHINESE} "将删除程序及其开始菜单项。每位用户的数据和设置（%LOCALAPPDATA%\counter-app）将保留。"
LangString DataKept ${LANG_ENGLISH} "The program and its Start-menu entry will be removed. Each user's data and settings (%LOCALAPPDATA%\counter-app) are kept."

; --- the folder: empty, or Counter's own -------------------------------------------------
; The uninstaller removes the program folder whole, so the folder must hold nothing but
; Counter: a folder such as C:\Program Files itself is refused here.

Function FolderIsOursOrEmpty  ; $0: the folder -> $1: 1 when it may be used, else 0
  StrCpy $1 1
  IfFileExists "$0\${APP_EXE}" done   ; Counter's: an upgrade
  IfFileExists "$0\*.*" 0 done        ; no such folder yet
  FindFirst $2 $3 "$0\*.*"
  ${DoWhile} $3 != ""
    ${If} $3 != "."
    ${AndIf} $3 != ".."
      StrCpy $1 0
      ${Break}
    ${EndIf}
    FindNext $2 $3
  ${Loop}
  FindClose $2
  done:
FunctionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "$(Needs64Bit)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ; An upgrade goes where the last install went, unless /D= says otherwise. Read here, in
  ; the 64-bit view where it was written (InstallDirRegKey would read the 32-bit one).
  ReadRegStr $0 HKLM "${SETTINGS_KEY}" "InstallDir"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "${DEFAULT_DIR}"
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

Function .onVerifyInstDir
  StrCpy $0 $INSTDIR
  Call FolderIsOursOrEmpty
  ${If} $1 != 1
    Abort
  ${EndIf}
FunctionEnd

Section "Counter" SecProgram
  SectionIn RO
  ; A silent install (/S /D=...) skips the page that checks the folder: check it here.
  StrCpy $0 $INSTDIR
  Call FolderIsOursOrEmpty
  ${If} $1 != 1
    MessageBox MB_ICONSTOP|MB_OK "$(FolderNotOurs)" /SD IDOK
    Abort
  ${EndIf}

  ; An upgrade: the previous version's files go first, so none that the new version no
  ; longer has stays behind to be loaded.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\counter-app-window.exe"

  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALL_EXE}"

  ; SetOutPath above is the shortcut's working folder: the program folder.
  CreateShortcut "$SMPROGRAMS\${SHORTCUT_NAME}.lnk" "$INSTDIR\${WINDOW_EXE}" "" \
    "$INSTDIR\${WINDOW_EXE}" 0 SW_SHOWNORMAL

  WriteRegStr HKLM "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${SHORTCUT_NAME} (Counter)"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALL_EXE}"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALL_EXE}" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0   ; in KB
SectionEnd

; --- uninstall: the program folder and the shortcut, nothing of any user's ------------

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${SHORTCUT_NAME}.lnk"
  ; The folder held nothing but Counter when it was installed (FolderIsOursOrEmpty), so
  ; it goes whole, with what an update left beside it (<folder>.previous, .incoming,
  ; .swap). An uninstaller found in a folder without Counter removes only itself.
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    RMDir /r "$INSTDIR.previous"
    RMDir /r "$INSTDIR.incoming"
    RMDir /r "$INSTDIR.swap"
    RMDir /r "$INSTDIR"
  ${Else}
    Delete "$INSTDIR\${UNINSTALL_EXE}"
    RMDir "$INSTDIR"
  ${EndIf}
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${SETTINGS_KEY}"
SectionEnd
