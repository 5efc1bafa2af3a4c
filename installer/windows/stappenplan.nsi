; Stappenplan for Windows: a per-user installer (no admin rights needed), made by installer/windows.py.
;
; makensis -V2 -WX -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVI_VERSION=0.1.0.0 -DBUNDLE=dist\Stappenplan ^
;          -DOUTFILE=dist\Stappenplan-0.1.0-windows-setup.exe -DAPP_ICON=app.ico -DDOC_ICON=doc.ico ^
;          -DEXE=Stappenplan.exe -DAPP_NAME=Stappenplan -DAPP_ID=nl.vleutenversterkt.Stappenplan ^
;          -DORG_NAME="Vleuten Versterkt" -DPLAN_EXT=.vvplan -DPLAN_MIME=application/x-vvplan ^
;          -DINSTALLED_KB=170000 [-DBUNDLE_ENTRIES=entries.nsh] installer\windows\stappenplan.nsi
;
; The whole PyInstaller folder goes to %LOCALAPPDATA%\Programs\Stappenplan. Everything in the
; registry is under HKCU. The uninstaller removes the program, its shortcuts and registry entries,
; and never the user's data folder (%APPDATA%\Vleuten Versterkt\Stappenplan).
; Texts: plain Dutch (B1), "je".

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 32

!macro REQUIRE NAME
  !ifndef ${NAME}
    !error "Define ${NAME} is missing (makensis -D${NAME}=...); build with installer/windows.py"
  !endif
!macroend
!insertmacro REQUIRE VERSION
!insertmacro REQUIRE VI_VERSION
!insertmacro REQUIRE BUNDLE
!insertmacro REQUIRE OUTFILE
!insertmacro REQUIRE APP_ICON
!insertmacro REQUIRE DOC_ICON
!insertmacro REQUIRE EXE
!insertmacro REQUIRE APP_NAME
!insertmacro REQUIRE APP_ID
!insertmacro REQUIRE ORG_NAME
!insertmacro REQUIRE PLAN_EXT
!insertmacro REQUIRE PLAN_MIME
!insertmacro REQUIRE INSTALLED_KB

!define PROGID "${APP_ID}${PLAN_EXT}"
!define TYPE_NAME "${APP_NAME}-plan"
!define APP_ICON_FILE "${APP_NAME}.ico"
!define DOC_ICON_FILE "${APP_NAME}-plan.ico"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define CLASSES "Software\Classes"
!define SHCNE_ASSOCCHANGED 0x08000000
!define SHCNF_IDLIST 0

; The top-level files and folders of the bundle, as a macro that removes them from $INSTDIR.
; windows.py writes the list; without one, the PyInstaller 6 layout (the exe and _internal).
!ifdef BUNDLE_ENTRIES
  !include "${BUNDLE_ENTRIES}"
!else
  !macro REMOVE_BUNDLE_ENTRIES
    Delete "$INSTDIR\${EXE}"
    RMDir /r "$INSTDIR\_internal"
  !macroend
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION} - ${ORG_NAME}"
ShowInstDetails hide
ShowUninstDetails hide

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${APP_ICON}"
!define MUI_UNICON "${APP_ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "Wil je stoppen? Dan wordt ${APP_NAME} niet geïnstalleerd."

; --- the installer's pages
!define MUI_WELCOMEPAGE_TITLE "${APP_NAME} installeren"
!define MUI_WELCOMEPAGE_TEXT "Je installeert ${APP_NAME} ${VERSION} op deze computer.$\r$\n$\r$\n\
Je hebt geen beheerder nodig: ${APP_NAME} komt alleen in jouw account.$\r$\n$\r$\n\
Klik op Volgende om verder te gaan."
!insertmacro MUI_PAGE_WELCOME

!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_COMPONENTSPAGE_TEXT_TOP "Kies wat je wilt installeren. Klik daarna op Volgende."
!insertmacro MUI_PAGE_COMPONENTS

!define MUI_DIRECTORYPAGE_TEXT_TOP "${APP_NAME} komt in deze map. Je mag een andere map kiezen, maar dat hoeft niet."
!insertmacro MUI_PAGE_DIRECTORY

!insertmacro MUI_PAGE_INSTFILES

!define MUI_FINISHPAGE_TITLE "${APP_NAME} is geïnstalleerd"
!define MUI_FINISHPAGE_TEXT "Je vindt ${APP_NAME} in het Startmenu.$\r$\n$\r$\n\
Krijg je een plan van een collega (een bestand dat eindigt op ${PLAN_EXT})? \
Dubbelklik erop, dan opent ${APP_NAME} het."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "${APP_NAME} nu starten"
!insertmacro MUI_PAGE_FINISH

; --- the uninstaller's pages
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP_NAME} gaat van deze computer af. \
Je plannen blijven bewaard: de map met je gegevens wordt niet verwijderd."
!insertmacro MUI_UNPAGE_CONFIRM

!insertmacro MUI_UNPAGE_INSTFILES

!define MUI_FINISHPAGE_TITLE "${APP_NAME} is verwijderd"
!define MUI_FINISHPAGE_TEXT "${APP_NAME} is van deze computer verwijderd.$\r$\n$\r$\n\
Je plannen en instellingen zijn NIET verwijderd. Ze staan nog in deze map:$\r$\n\
$APPDATA\${ORG_NAME}\${APP_NAME}$\r$\n$\r$\n\
Installeer je ${APP_NAME} later opnieuw, dan zijn ze er gewoon weer. \
Wil je ze echt weg hebben? Verwijder die map dan zelf."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "Dutch"

; --- what Windows shows in the file's properties
VIProductVersion "${VI_VERSION}"
VIFileVersion "${VI_VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "CompanyName" "${ORG_NAME}"
VIAddVersionKey /LANG=${LANG_DUTCH} "LegalCopyright" "${ORG_NAME}"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileDescription" "${APP_NAME} installeren"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileVersion" "${VERSION}"

; Waits until the app is closed: a running exe cannot be opened for writing.
; Used in the installer and the uninstaller; /S (silent) gives up at once.
!macro WAIT_UNTIL_CLOSED
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    ${Do}
      ClearErrors
      FileOpen $0 "$INSTDIR\${EXE}" a
      ${IfNot} ${Errors}
        FileClose $0
        ${Break}
      ${EndIf}
      ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
          "${APP_NAME} is nog open. Sluit ${APP_NAME} en klik dan op Opnieuw." /SD IDCANCEL IDCANCEL`
        Abort "${APP_NAME} is nog open."
      ${EndIf}
    ${Loop}
  ${EndIf}
!macroend

!macro NOTIFY_SHELL
  System::Call 'shell32::SHChangeNotify(i ${SHCNE_ASSOCCHANGED}, i ${SHCNF_IDLIST}, p 0, p 0)'
!macroend

Section "${APP_NAME}" SecMain
  SectionIn RO
  !insertmacro WAIT_UNTIL_CLOSED
  ${If} ${FileExists} "$INSTDIR\${UNINSTALLER}"
    !insertmacro REMOVE_BUNDLE_ENTRIES  ; an older version: no old files left among the new ones
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*"
  File "/oname=${APP_ICON_FILE}" "${APP_ICON}"
  File "/oname=${DOC_ICON_FILE}" "${DOC_ICON}"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${APP_ICON_FILE}" 0

  Call RegisterFileType
  Call RegisterUninstaller
SectionEnd

Section /o "Snelkoppeling op het bureaublad" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${APP_ICON_FILE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "Het programma, met een snelkoppeling in het Startmenu."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "Ook een snelkoppeling op je bureaublad."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; .vvplan opens in Stappenplan, for this user only.
Function RegisterFileType
  StrCpy $1 '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "${CLASSES}\${PLAN_EXT}" "" "${PROGID}"
  WriteRegStr HKCU "${CLASSES}\${PLAN_EXT}" "Content Type" "${PLAN_MIME}"
  WriteRegStr HKCU "${CLASSES}\${PLAN_EXT}\OpenWithProgids" "${PROGID}" ""

  WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "${TYPE_NAME}"
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "FriendlyTypeName" "${TYPE_NAME}"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" "$INSTDIR\${DOC_ICON_FILE}"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell" "" "open"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" $1

  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\DefaultIcon" "" "$INSTDIR\${APP_ICON_FILE}"
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\SupportedTypes" "${PLAN_EXT}" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE}\shell\open\command" "" $1

  WriteRegStr HKCU "${CLASSES}\MIME\Database\Content Type\${PLAN_MIME}" "Extension" "${PLAN_EXT}"
  !insertmacro NOTIFY_SHELL
FunctionEnd

; The entry in Settings > Apps (Apps & features).
Function RegisterUninstaller
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${ORG_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_ICON_FILE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${INSTALLED_KB}
FunctionEnd

Section "Uninstall"
  !insertmacro WAIT_UNTIL_CLOSED
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  ; Only what the installer put there; never the data folder, never the folder itself when not empty.
  !insertmacro REMOVE_BUNDLE_ENTRIES
  Delete "$INSTDIR\${APP_ICON_FILE}"
  Delete "$INSTDIR\${DOC_ICON_FILE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  Call un.UnregisterFileType
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; Deletes KEY (under HKCU) only when it has no values and no subkeys left.
!macro DELETE_KEY_IF_BARE KEY
  EnumRegValue $R0 HKCU "${KEY}" 0
  ${If} $R0 == ""
    ClearErrors
    ReadRegStr $R1 HKCU "${KEY}" ""
    ${If} ${Errors}
      DeleteRegKey /ifempty HKCU "${KEY}"
    ${EndIf}
  ${EndIf}
!macroend

; Removes only what still points to this copy: another install may have taken the file type over.
Function un.UnregisterFileType
  StrCpy $1 '"$INSTDIR\${EXE}" "%1"'

  ReadRegStr $0 HKCU "${CLASSES}\${PROGID}\shell\open\command" ""
  ${If} $0 == $1
    DeleteRegKey HKCU "${CLASSES}\${PROGID}"
  ${EndIf}
  ReadRegStr $0 HKCU "${CLASSES}\Applications\${EXE}\shell\open\command" ""
  ${If} $0 == $1
    DeleteRegKey HKCU "${CLASSES}\Applications\${EXE}"
  ${EndIf}

  ClearErrors
  ReadRegStr $0 HKCU "${CLASSES}\${PROGID}\shell\open\command" ""
  ${If} ${Errors}  ; our ProgID is gone, so whatever named it points nowhere now
    DeleteRegValue HKCU "${CLASSES}\${PLAN_EXT}\OpenWithProgids" "${PROGID}"
    !insertmacro DELETE_KEY_IF_BARE "${CLASSES}\${PLAN_EXT}\OpenWithProgids"
    ReadRegStr $0 HKCU "${CLASSES}\${PLAN_EXT}" ""
    ${If} $0 == "${PROGID}"
      DeleteRegValue HKCU "${CLASSES}\${PLAN_EXT}" ""
      ReadRegStr $0 HKCU "${CLASSES}\${PLAN_EXT}" "Content Type"
      ${If} $0 == "${PLAN_MIME}"
        DeleteRegValue HKCU "${CLASSES}\${PLAN_EXT}" "Content Type"
      ${EndIf}
    ${EndIf}
    !insertmacro DELETE_KEY_IF_BARE "${CLASSES}\${PLAN_EXT}"
    ReadRegStr $0 HKCU "${CLASSES}\MIME\Database\Content Type\${PLAN_MIME}" "Extension"
    ${If} $0 == "${PLAN_EXT}"
      DeleteRegValue HKCU "${CLASSES}\MIME\Database\Content Type\${PLAN_MIME}" "Extension"
      !insertmacro DELETE_KEY_IF_BARE "${CLASSES}\MIME\Database\Content Type\${PLAN_MIME}"
    ${EndIf}
  ${EndIf}
  !insertmacro NOTIFY_SHELL
FunctionEnd
