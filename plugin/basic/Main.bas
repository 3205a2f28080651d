' Main - ogi inside LibreOffice Calc: check the open workbook from a menu.
'
' ogi is a separate program and this module talks to it through files only:
' a copy of the workbook, ogi's JSON verdict, its stderr and its exit status
' (written by /bin/sh, because Basic's Shell returns 0 whatever the exit
' status). No UNO socket, no Python bridge: nothing that changes between
' LibreOffice versions.
'
' Every entry point (CheckCurrentDocument, ConfigureOgiPath, CheckFileTo,
' HeadlessTest) has its own On Error GoTo: an unhandled Basic error leaves a
' headless soffice waiting forever for someone to close the error box.
Option Explicit

' Fields of the array Check returns.
Const R_KIND = 0 ' ok | missing | no_tables | unreadable | failed
Const R_STATUS = 1 ' status from ogi's JSON: pass | fail | no_tables | unreadable | ""
Const R_ERRORS = 2
Const R_WARNINGS = 3
Const R_INFOS = 4
Const R_WORKBOOK = 5 ' the marked-up workbook, "" when there is none
Const R_DETAIL = 6 ' ogi's own words: the JSON "message" or its stderr
Const R_EXIT = 7 ' ogi's exit status as text, "" when it did not run
Const R_OGI = 8 ' the ogi command that was run
Const R_LAST = 8

Const SETTINGS_NODE = "/org.ogi.calc.Settings/General"
Const RESULT_SHEET = "审核结果"
Const OGI_TIMEOUT = 300 ' seconds; a hung ogi must not hang Calc

' ---------------------------------------------------------------- entry points

' Tools > Check disclosure tables, and the toolbar button.
Sub CheckCurrentDocument
    Dim oDoc As Object
    On Error GoTo Failed
    oDoc = ThisComponent
    CheckDocument(oDoc, False)
    Exit Sub
Failed:
    Say(Error$ & " (" & Erl & ")", 16, UiLang())
End Sub

' What the menu does to oDoc: check a copy of it in a new private folder,
' open the marked-up workbook (hidden for tests: a headless soffice gives
' Null for a visible load, and that half-made window crashes it later),
' say the verdict.
Sub CheckDocument(oDoc As Object, bHidden As Boolean)
    Dim sLang As String, sWork As String, aRes As Variant
    sLang = UiLang()
    On Error GoTo Failed
    If IsNull(oDoc) Then GoTo NotCalc
    If Not HasUnoInterfaces(oDoc, "com.sun.star.lang.XServiceInfo") Then GoTo NotCalc
    If Not oDoc.supportsService("com.sun.star.sheet.SpreadsheetDocument") Then GoTo NotCalc
    sWork = MakePrivateFolder()
    aRes = Check(oDoc, sWork, ConfiguredOgi(), sLang)
    If aRes(R_KIND) = "ok" Then OpenResults(aRes(R_WORKBOOK), bHidden)
    Say(ResultMessage(aRes, sLang), DialogIcon(aRes), sLang)
    Exit Sub
NotCalc:
    Say(T(sLang, "请先在 Calc 中打开要审核的工作簿。", _
        "Open the workbook to check in Calc first."), 48, sLang)
    Exit Sub
Failed:
    Say(T(sLang, "审核未能完成：", "The check could not be completed: ") & _
        Error$ & " (" & Erl & ")", 16, sLang)
End Sub

' Tools > ogi settings: the path of the ogi program; empty means PATH.
Sub ConfigureOgiPath
    Dim sLang As String, sOld As String, sNew As String
    sLang = UiLang()
    On Error GoTo Failed
    sOld = StoredOgiPath()
    sNew = Trim(InputBox(T(sLang, _
        "ogi 程序的完整路径（例如 /usr/local/bin/ogi）。" & Chr(10) & _
        "留空则在 PATH 中查找 ogi。", _
        "Full path of the ogi program (for example /usr/local/bin/ogi)." & Chr(10) & _
        "Leave it empty to find ogi on PATH."), DialogTitle(sLang), sOld))
    If sNew = sOld Then Exit Sub
    If sNew = "" Then
        ' InputBox gives "" for Cancel too: ask before forgetting a path
        If MsgBox(T(sLang, "不再使用 " & sOld & "，改为在 PATH 中查找 ogi？", _
            "Stop using " & sOld & " and find ogi on PATH instead?"), 4 + 32, _
            DialogTitle(sLang)) <> 6 Then Exit Sub
    ElseIf Not FileExists(sNew) Then
        MsgBox T(sLang, "找不到文件：", "No such file: ") & sNew, 48, DialogTitle(sLang)
        Exit Sub
    End If
    StoreOgiPath(sNew)
    Exit Sub
Failed:
    MsgBox T(sLang, "无法保存设置：", "Could not save the setting: ") & Error$, 16, _
        DialogTitle(sLang)
End Sub

' Test entry point (docs/plugin.md): checks the workbook at sInput exactly as
' the menu does, with sOutDir (an existing folder) as the working folder, and
' writes sOutDir/result.txt instead of showing dialogs. sOgi: the ogi command
' ("" = the stored setting, else PATH); sLang: zh or en ("" = the UI's).
Sub CheckFileTo(sInput As String, sOutDir As String, Optional sOgi, Optional sLang)
    Dim oDoc As Object, oBook As Object, aRes As Variant, sL As String
    Dim sOgiCmd As String, sSheet As String
    On Error GoTo Failed
    sL = UiLang()
    If Not IsMissing(sLang) Then
        If sLang <> "" Then sL = sLang
    End If
    sOgiCmd = ConfiguredOgi()
    If Not IsMissing(sOgi) Then
        If sOgi <> "" Then sOgiCmd = sOgi
    End If
    oDoc = LoadDocument(sInput, True)
    aRes = Check(oDoc, sOutDir, sOgiCmd, sL)
    oDoc.close(True)
    oDoc = Nothing
    If aRes(R_KIND) = "ok" Then
        oBook = OpenResults(aRes(R_WORKBOOK), True)
        sSheet = oBook.CurrentController.ActiveSheet.Name
        oBook.close(True)
    End If
    WriteResult(sOutDir, aRes, sSheet, ResultMessage(aRes, sL))
    Exit Sub
Failed:
    sSheet = Join(Split(Error$, Chr(10)), "\n") & " (line " & Erl & ")" ' before On Error resets them
    On Error Resume Next
    If Not IsNull(oDoc) Then oDoc.close(True)
    WriteText(sOutDir & "/result.txt", "kind=basic_error" & Chr(10) & "message=" & sSheet & Chr(10))
End Sub

' Test entry point for the menu's own path: opens sInput (hidden) and runs
' CheckDocument on it, which is all the menu does but asking for
' ThisComponent. Its dialog text goes to the file named by
' OGI_PLUGIN_MESSAGES (see Say), its private folder under $TMPDIR; this
' writes sOutDir/result.txt with the marked-up workbook left open and the
' sheet that workbook shows.
Sub MenuTest(sInput As String, sOutDir As String)
    Dim oDoc As Object, oComps As Object, oComp As Object, oBook As Object
    Dim sBook As String, sSheet As String
    On Error GoTo Failed
    oDoc = LoadDocument(sInput, True)
    CheckDocument(oDoc, True)
    oComps = StarDesktop.Components.createEnumeration()
    Do While oComps.hasMoreElements()
        oComp = oComps.nextElement()
        If HasUnoInterfaces(oComp, "com.sun.star.frame.XStorable") Then
            If Right(oComp.getLocation(), 13) = ".checked.xlsx" Then
                sBook = ConvertFromURL(oComp.getLocation())
                sSheet = oComp.CurrentController.ActiveSheet.Name
                oBook = oComp
            End If
        End If
    Loop
    If Not IsNull(oBook) Then oBook.close(True)
    oDoc.close(True)
    WriteText(sOutDir & "/result.txt", "kind=menu" & Chr(10) & "workbook=" & sBook & _
        Chr(10) & "sheet=" & sSheet & Chr(10))
    Exit Sub
Failed:
    sSheet = Join(Split(Error$, Chr(10)), "\n") & " (line " & Erl & ")" ' before On Error resets them
    On Error Resume Next
    If Not IsNull(oDoc) Then oDoc.close(True)
    WriteText(sOutDir & "/result.txt", "kind=basic_error" & Chr(10) & "message=" & sSheet & Chr(10))
End Sub

' Headless test runner: soffice --headless "vnd.sun.star.script:
' OgiCheck.Main.HeadlessTest?language=Basic&location=application" with
' OGI_PLUGIN_CASES naming a UTF-8 file of tab-separated lines
'   check  INPUT  OUTDIR  OGI  LANG     CheckFileTo
'   menu   INPUT  OUTDIR                MenuTest
'   menu   INPUT  OUTDIR  OGI           MenuTest with OGI stored as the option
'                                       (as ConfigureOgiPath does), then cleared
' Runs them in order, then writes CASES.done ("done" and what Addons.xcu
' registered, or the Basic error) and ends soffice.
Sub HeadlessTest
    Dim sCases As String, aLines As Variant, aF As Variant, i As Integer
    On Error GoTo Failed
    sCases = Environ("OGI_PLUGIN_CASES")
    aLines = Split(ReadText(sCases), Chr(10))
    For i = LBound(aLines) To UBound(aLines)
        aF = Split(aLines(i) & Chr(9) & "-", Chr(9)) ' never empty: Basic's And evaluates both sides
        If aF(0) = "check" And UBound(aF) = 5 Then
            CheckFileTo(aF(1), aF(2), aF(3), aF(4))
        ElseIf aF(0) = "menu" And UBound(aF) = 3 Then
            MenuTest(aF(1), aF(2))
        ElseIf aF(0) = "menu" And UBound(aF) = 4 Then
            StoreOgiPath(aF(3))
            MenuTest(aF(1), aF(2))
            StoreOgiPath("")
        End If
    Next i
    WriteText(sCases & ".done", "done" & Chr(10) & AddonsSummary())
    StarDesktop.terminate()
    Exit Sub
Failed:
    sCases = Environ("OGI_PLUGIN_CASES")
    aF = Error$ & " (line " & Erl & ")" ' before On Error resets them
    On Error Resume Next
    WriteText(sCases & ".done", "basic_error: " & aF & Chr(10))
    StarDesktop.terminate()
End Sub

' What Addons.xcu put into LibreOffice's configuration (tests: the menu
' and the toolbar cannot be looked at without a window).
Function AddonsSummary() As String
    Dim oProvider As Object, oUi As Object, aArgs(0) As New com.sun.star.beans.PropertyValue
    oProvider = CreateUnoService("com.sun.star.configuration.ConfigurationProvider")
    aArgs(0).Name = "nodepath" : aArgs(0).Value = "/org.openoffice.Office.Addons/AddonUI"
    oUi = oProvider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", aArgs())
    AddonsSummary = _
        "menu=" & oUi.getByHierarchicalName("OfficeMenuBarMerging/org.ogi.calc/ToolsEntries/MenuItems/m01/URL") & Chr(10) & _
        "menu_title=" & oUi.getByHierarchicalName("OfficeMenuBarMerging/org.ogi.calc/ToolsEntries/MenuItems/m01/Title") & Chr(10) & _
        "settings_menu=" & oUi.getByHierarchicalName("OfficeMenuBarMerging/org.ogi.calc/ToolsEntries/MenuItems/m02/URL") & Chr(10) & _
        "toolbar=" & oUi.getByHierarchicalName("OfficeToolBar/org.ogi.calc/m01/URL") & Chr(10) & _
        "icon=" & oUi.getByHierarchicalName("Images/org.ogi.calc.check/UserDefinedImages/ImageSmallURL") & Chr(10)
End Function

' ---------------------------------------------------------------- the check

' Saves a copy of oDoc as .xls in sWork, runs ogi convert on it and reads
' the verdict back; never shows anything, never touches oDoc's own file.
Function Check(oDoc As Object, sWork As String, sOgi As String, sLang As String) As Variant
    Dim aRes(R_LAST) As Variant, sStem As String, sXls As String, sJson As String
    Dim sOut As String, sText As String
    aRes(R_KIND) = "failed" : aRes(R_STATUS) = "" : aRes(R_ERRORS) = 0
    aRes(R_WARNINGS) = 0 : aRes(R_INFOS) = 0 : aRes(R_WORKBOOK) = ""
    aRes(R_DETAIL) = "" : aRes(R_EXIT) = "" : aRes(R_OGI) = sOgi
    sStem = DocStem(oDoc)
    sXls = sWork & "/" & sStem & ".xls"
    sOut = sWork & "/" & sStem & ".checked.xlsx"
    sJson = sWork & "/" & sStem & ".json"
    If InStr(sWork, """") > 0 Or InStr(sOgi, """") > 0 Then
        aRes(R_DETAIL) = T(sLang, "路径中不能有双引号：", "a path must not contain a double quote: ") _
            & sWork & " " & sOgi
        Check = aRes()
        Exit Function
    End If
    ForgetFiles(Array(sXls, sOut, sJson, sWork & "/.ogi-rc", sWork & "/.ogi-err", _
        sWork & "/.ogi-check.json"))
    SaveXlsCopy(oDoc, sXls)
    RunOgi(sOgi, sLang, sWork, sXls, sOut, sJson)
    aRes(R_EXIT) = Strip(ReadTextOr(sWork & "/.ogi-rc", ""))
    aRes(R_DETAIL) = Strip(ReadTextOr(sWork & "/.ogi-err", ""))
    sText = ReadTextOr(sJson, "")
    If sText = "" Then sText = ReadTextOr(sWork & "/.ogi-check.json", "")
    ReadVerdict(sText, aRes())
    If aRes(R_EXIT) = "127" Or aRes(R_EXIT) = "126" Then
        aRes(R_KIND) = "missing"
    ElseIf (aRes(R_EXIT) = "0" Or aRes(R_EXIT) = "1") And FileExists(sOut) And _
        (aRes(R_STATUS) = "pass" Or aRes(R_STATUS) = "fail") Then
        aRes(R_KIND) = "ok"
        aRes(R_WORKBOOK) = sOut
    ElseIf aRes(R_STATUS) = "no_tables" Or aRes(R_STATUS) = "unreadable" Then
        aRes(R_KIND) = aRes(R_STATUS)
    End If
    ForgetFiles(Array(sXls, sWork & "/.ogi-rc", sWork & "/.ogi-err", sWork & "/.ogi-check.json"))
    Check = aRes()
End Function

' "MS Excel 97" reads back in every ogi; storeToURL leaves oDoc's own
' location and modified flag alone.
Sub SaveXlsCopy(oDoc As Object, sXls As String)
    Dim aArgs(1) As New com.sun.star.beans.PropertyValue
    aArgs(0).Name = "FilterName" : aArgs(0).Value = "MS Excel 97"
    aArgs(1).Name = "Overwrite" : aArgs(1).Value = True
    oDoc.storeToURL(ConvertToURL(sXls), aArgs())
End Sub

' One /bin/sh run: ogi convert, its exit status into .ogi-rc, its stderr
' into .ogi-err; when convert wrote no JSON (no tables, unreadable), ogi
' check says why in .ogi-check.json.
Sub RunOgi(sOgi As String, sLang As String, sWork As String, sXls As String, _
        sOut As String, sJson As String)
    Dim sOgiQ As String, sLim As String, sScript As String
    sOgiQ = ShQuote(sOgi)
    sLim = "t=; command -v timeout >/dev/null 2>&1 && t='timeout " & OGI_TIMEOUT & "'; "
    sScript = "cd " & ShQuote(sWork) & " || exit; " & sLim & _
        "if ! command -v " & sOgiQ & " >/dev/null 2>&1; then echo 127 >.ogi-rc; exit; fi; " & _
        "$t " & sOgiQ & " convert --json --lang " & sLang & " -o " & ShQuote(sOut) & " " & _
        ShQuote(sXls) & " >/dev/null 2>.ogi-err; echo $? >.ogi-rc; " & _
        "[ -f " & ShQuote(sJson) & " ] || $t " & sOgiQ & " check --format json --lang " & _
        sLang & " " & ShQuote(sXls) & " >.ogi-check.json 2>/dev/null"
    ' Shell's own parser takes a "..." token whole; the script has no " in it
    Shell("/bin/sh", 0, "-c """ & sScript & """", True)
End Sub

' The fields of ogi's JSON (spec section 7) the dialog needs.
Sub ReadVerdict(sJson As String, aRes As Variant)
    Dim nCounts As Long
    If sJson = "" Then Exit Sub
    aRes(R_STATUS) = JsonString(sJson, "status", 1)
    nCounts = InStr(sJson, """counts""")
    If nCounts > 0 Then
        aRes(R_ERRORS) = JsonNumber(sJson, "error", nCounts)
        aRes(R_WARNINGS) = JsonNumber(sJson, "warning", nCounts)
        aRes(R_INFOS) = JsonNumber(sJson, "info", nCounts)
    End If
    If aRes(R_STATUS) = "no_tables" Or aRes(R_STATUS) = "unreadable" Then
        aRes(R_DETAIL) = JsonString(sJson, "message", 1)
    End If
End Sub

' ---------------------------------------------------------------- showing it

' Opens the marked-up workbook in a new window on its results sheet.
Function OpenResults(sPath As String, bHidden As Boolean) As Object
    Dim oBook As Object, oSheets As Object, aArgs(0) As New com.sun.star.beans.PropertyValue
    aArgs(0).Name = "Hidden" : aArgs(0).Value = bHidden
    oBook = StarDesktop.loadComponentFromURL(ConvertToURL(sPath), "_blank", 0, aArgs())
    If IsNull(oBook) Then Error 53 ' file not found
    oSheets = oBook.Sheets
    ' spec section 9: the results sheet comes first (named in ogi's --lang)
    If oSheets.hasByName(RESULT_SHEET) Then
        oBook.CurrentController.setActiveSheet(oSheets.getByName(RESULT_SHEET))
    Else
        oBook.CurrentController.setActiveSheet(oSheets.getByIndex(0))
    End If
    OpenResults = oBook
End Function

Function ResultMessage(aRes As Variant, sLang As String) As String
    Dim s As String
    Select Case aRes(R_KIND)
    Case "ok"
        If aRes(R_STATUS) = "pass" Then
            s = T(sLang, "审核结论：通过", "Verdict: PASS")
        Else
            s = T(sLang, "审核结论：未通过", "Verdict: FAIL")
        End If
        s = s & Chr(10) & T(sLang, "错误 " & aRes(R_ERRORS) & " 项，警告 " & aRes(R_WARNINGS) & _
            " 项，提示 " & aRes(R_INFOS) & " 项", aRes(R_ERRORS) & " errors, " & _
            aRes(R_WARNINGS) & " warnings, " & aRes(R_INFOS) & " infos") & Chr(10) & Chr(10) & _
            T(sLang, "标注后的工作簿已在新窗口打开（“审核结果”工作表）：", _
            "The marked-up workbook is open in a new window, on its results sheet:") & _
            Chr(10) & aRes(R_WORKBOOK)
    Case "missing"
        s = T(sLang, "找不到 ogi 程序（" & aRes(R_OGI) & "）。" & Chr(10) & _
            "请先安装 ogi，或在“工具 → 年报表格审核：ogi 路径…”中填写 ogi 的完整路径。", _
            "The ogi program was not found (" & aRes(R_OGI) & ")." & Chr(10) & _
            "Install ogi, or give its full path in Tools > Check disclosure tables: ogi path...")
    Case "no_tables"
        s = T(sLang, "这个工作簿中没有找到法定统计表格（表二、表三、表四），无法审核。", _
            "No statutory table (tables 2, 3, 4) was found in this workbook: nothing to check.") & _
            Chr(10) & "ogi: " & aRes(R_DETAIL)
    Case "unreadable"
        s = T(sLang, "ogi 无法读取这个工作簿：", "ogi could not read this workbook: ") & _
            Chr(10) & aRes(R_DETAIL)
    Case Else
        If aRes(R_EXIT) = "124" Then
            s = T(sLang, "ogi 在 " & OGI_TIMEOUT & " 秒内没有完成，已停止。", _
                "ogi did not finish within " & OGI_TIMEOUT & " seconds and was stopped.")
        Else
            s = T(sLang, "ogi 运行失败（退出状态 " & aRes(R_EXIT) & "）：", _
                "ogi failed (exit status " & aRes(R_EXIT) & "):") & Chr(10) & aRes(R_DETAIL)
        End If
    End Select
    ResultMessage = s
End Function

' A dialog, or, when OGI_PLUGIN_MESSAGES names a file (tests), a line
' appended to it: a headless soffice has no one to close a dialog.
Sub Say(sText As String, nIcon As Integer, sLang As String)
    Dim sFile As String
    sFile = Environ("OGI_PLUGIN_MESSAGES")
    If sFile = "" Then
        MsgBox sText, nIcon, DialogTitle(sLang)
    Else
        WriteText(sFile, ReadTextOr(sFile, "") & nIcon & " " & Join(Split(sText, Chr(10)), "\n") & Chr(10))
    End If
End Sub

Function DialogIcon(aRes As Variant) As Integer
    If aRes(R_KIND) = "ok" And aRes(R_STATUS) = "pass" Then
        DialogIcon = 64 ' information
    ElseIf aRes(R_KIND) = "ok" Or aRes(R_KIND) = "no_tables" Then
        DialogIcon = 48 ' warning
    Else
        DialogIcon = 16 ' stop
    End If
End Function

Function DialogTitle(sLang As String) As String
    DialogTitle = T(sLang, "年报表格审核", "Check disclosure tables")
End Function

' result.txt of the test entry point: key=value lines, newlines of the
' message as \n.
Sub WriteResult(sOutDir As String, aRes As Variant, sSheet As String, sMessage As String)
    Dim s As String
    s = "kind=" & aRes(R_KIND) & Chr(10) & "status=" & aRes(R_STATUS) & Chr(10) & _
        "errors=" & aRes(R_ERRORS) & Chr(10) & "warnings=" & aRes(R_WARNINGS) & Chr(10) & _
        "infos=" & aRes(R_INFOS) & Chr(10) & "exit=" & aRes(R_EXIT) & Chr(10) & _
        "workbook=" & aRes(R_WORKBOOK) & Chr(10) & "sheet=" & sSheet & Chr(10) & _
        "message=" & Join(Split(sMessage, Chr(10)), "\n") & Chr(10)
    WriteText(sOutDir & "/result.txt", s)
End Sub

' ---------------------------------------------------------------- settings

Function StoredOgiPath() As String
    Dim oNode As Object
    oNode = SettingsNode(False)
    StoredOgiPath = Trim(oNode.getPropertyValue("OgiPath"))
End Function

Sub StoreOgiPath(sPath As String)
    Dim oNode As Object
    oNode = SettingsNode(True)
    oNode.setPropertyValue("OgiPath", sPath)
    oNode.commitChanges()
End Sub

Function SettingsNode(bWrite As Boolean) As Object
    Dim oProvider As Object, aArgs(0) As New com.sun.star.beans.PropertyValue, sService As String
    oProvider = CreateUnoService("com.sun.star.configuration.ConfigurationProvider")
    aArgs(0).Name = "nodepath" : aArgs(0).Value = SETTINGS_NODE
    sService = "com.sun.star.configuration.ConfigurationAccess"
    If bWrite Then sService = "com.sun.star.configuration.ConfigurationUpdateAccess"
    SettingsNode = oProvider.createInstanceWithArguments(sService, aArgs())
End Function

' The stored path, else "ogi" (looked up on PATH by the shell).
Function ConfiguredOgi() As String
    Dim s As String
    s = StoredOgiPath()
    If s = "" Then s = "ogi"
    ConfiguredOgi = s
End Function

' zh or en. Chinese when LibreOffice's UI or the user's locale is Chinese,
' or when neither says anything: the marked-up workbook goes back to a
' Chinese agency, and an English-only LibreOffice (no language pack) is
' common on Chinese desktops. English when they name another language.
Function UiLang() As String
    Dim sUi As String, sEnv As String, oProvider As Object, oNode As Object
    Dim aArgs(0) As New com.sun.star.beans.PropertyValue
    On Error Resume Next
    oProvider = CreateUnoService("com.sun.star.configuration.ConfigurationProvider")
    aArgs(0).Name = "nodepath" : aArgs(0).Value = "/org.openoffice.Setup/L10N"
    oNode = oProvider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", aArgs())
    sUi = LCase(oNode.getPropertyValue("ooLocale"))
    sEnv = LCase(Environ("LC_ALL"))
    If sEnv = "" Then sEnv = LCase(Environ("LC_MESSAGES"))
    If sEnv = "" Then sEnv = LCase(Environ("LANG"))
    If sEnv = "c" Or Left(sEnv, 2) = "c." Or sEnv = "posix" Then sEnv = "" ' C, C.UTF-8: says nothing
    If Left(sUi, 2) = "zh" Or Left(sEnv, 2) = "zh" Or (sUi = "" And sEnv = "") Then
        UiLang = "zh"
    Else
        UiLang = "en"
    End If
End Function

Function T(sLang As String, sZh As String, sEn As String) As String
    If sLang = "en" Then T = sEn Else T = sZh
End Function

' ---------------------------------------------------------------- files

' A new folder only this user can read, under $TMPDIR or /tmp: mkdir fails
' on a name someone else made first.
Function MakePrivateFolder() As String
    Dim sBase As String, sDir As String, n As Integer
    sBase = Environ("TMPDIR")
    If sBase = "" Then sBase = "/tmp"
    Randomize
    For n = 1 To 5
        sDir = sBase & "/ogi-calc-" & Year(Now) & Right("0" & Month(Now), 2) & Right("0" & Day(Now), 2) & "-" & _
            CLng(Timer) & "-" & Int(Rnd * 1000000)
        Shell("/bin/sh", 0, "-c ""umask 077 && mkdir " & ShQuote(sDir) & " && : >" & _
            ShQuote(sDir & "/.ogi-mine") & """", True)
        If FileExists(sDir & "/.ogi-mine") Then
            Kill(sDir & "/.ogi-mine")
            MakePrivateFolder = sDir
            Exit Function
        End If
    Next n
    Error 76 ' path not found
End Function

' The document's file name without its extension, made safe as a file
' name; it becomes the source name ogi shows on its results sheet.
Function DocStem(oDoc As Object) As String
    Dim s As String, i As Integer, c As String, sOut As String
    If oDoc.hasLocation() Then
        s = ConvertFromURL(oDoc.getLocation())
        s = Mid(s, LastIndex(s, "/") + 1)
        If LastIndex(s, ".") > 1 Then s = Left(s, LastIndex(s, ".") - 1)
    Else
        s = oDoc.Title
    End If
    For i = 1 To Len(s)
        c = Mid(s, i, 1)
        If Asc(c) < 32 Or InStr("/\:*?""'<>|$`", c) > 0 Then c = "_"
        sOut = sOut & c
    Next i
    Do While Left(sOut, 1) = "." Or Left(sOut, 1) = "-"
        sOut = Mid(sOut, 2)
    Loop
    If Len(sOut) > 80 Then sOut = Left(sOut, 80)
    If sOut = "" Then sOut = "workbook"
    DocStem = sOut
End Function

' s without the spaces, tabs and line ends around it (Trim keeps line
' ends). Basic's And does not short-circuit, hence the nested tests.
Function Strip(s As String) As String
    Dim a As Long, b As Long, sBlank As String
    sBlank = " " & Chr(9) & Chr(10) & Chr(13)
    a = 1 : b = Len(s)
    Do While a <= b
        If InStr(sBlank, Mid(s, a, 1)) = 0 Then Exit Do
        a = a + 1
    Loop
    Do While b >= a
        If InStr(sBlank, Mid(s, b, 1)) = 0 Then Exit Do
        b = b - 1
    Loop
    If b >= a Then Strip = Mid(s, a, b - a + 1)
End Function

' Position of the last c in s, 0 if none (InStrRev needs VBA mode).
Function LastIndex(s As String, c As String) As Long
    Dim n As Long
    For n = Len(s) To 1 Step -1
        If Mid(s, n, 1) = c Then
            LastIndex = n
            Exit Function
        End If
    Next n
End Function

Function LoadDocument(sPath As String, bHidden As Boolean) As Object
    Dim aArgs(0) As New com.sun.star.beans.PropertyValue
    aArgs(0).Name = "Hidden" : aArgs(0).Value = bHidden
    LoadDocument = StarDesktop.loadComponentFromURL(ConvertToURL(sPath), "_blank", 0, aArgs())
End Function

' s between single quotes for /bin/sh; a ' inside becomes '\''.
Function ShQuote(s As String) As String
    ShQuote = "'" & Join(Split(s, "'"), "'\''") & "'"
End Function

Sub ForgetFiles(aPaths As Variant)
    Dim i As Integer
    For i = LBound(aPaths) To UBound(aPaths)
        If FileExists(aPaths(i)) Then Kill(aPaths(i))
    Next i
End Sub

Function ReadTextOr(sPath As String, sDefault As String) As String
    If FileExists(sPath) Then ReadTextOr = ReadText(sPath) Else ReadTextOr = sDefault
End Function

' Whole UTF-8 file (Basic's own Open reads the system code page).
Function ReadText(sPath As String) As String
    Dim oSfa As Object, oIn As Object, oText As Object, s As String
    oSfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
    oIn = oSfa.openFileRead(ConvertToURL(sPath))
    oText = CreateUnoService("com.sun.star.io.TextInputStream")
    oText.setInputStream(oIn)
    oText.setEncoding("UTF-8")
    ' lines joined by line ends: a file's last line end reads as a last, empty line
    If Not oText.isEOF() Then s = oText.readLine()
    Do While Not oText.isEOF()
        s = s & Chr(10) & oText.readLine()
    Loop
    oText.closeInput()
    ReadText = s
End Function

Sub WriteText(sPath As String, s As String)
    Dim oSfa As Object, oOut As Object, oText As Object
    oSfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
    If oSfa.exists(ConvertToURL(sPath)) Then oSfa.kill(ConvertToURL(sPath))
    oOut = oSfa.openFileWrite(ConvertToURL(sPath))
    oText = CreateUnoService("com.sun.star.io.TextOutputStream")
    oText.setOutputStream(oOut)
    oText.setEncoding("UTF-8")
    oText.writeString(s)
    oText.closeOutput()
End Sub

' ---------------------------------------------------------------- JSON

' The string value of the first "key": after nStart. Inside JSON strings a
' quote is always escaped, so "key": cannot match inside a value.
Function JsonString(sJson As String, sKey As String, nStart As Long) As String
    Dim n As Long, i As Long, c As String, sOut As String
    n = JsonValueAt(sJson, sKey, nStart)
    If n = 0 Then Exit Function
    If Mid(sJson, n, 1) <> """" Then Exit Function
    i = n + 1
    Do While i <= Len(sJson)
        c = Mid(sJson, i, 1)
        If c = """" Then Exit Do
        If c = "\" Then
            i = i + 1
            c = Mid(sJson, i, 1)
            Select Case c
            Case "n" : c = Chr(10)
            Case "t" : c = Chr(9)
            Case "r" : c = Chr(13)
            Case "b", "f" : c = ""
            Case "u"
                c = Chr(CLng("&H" & Mid(sJson, i + 1, 4)))
                i = i + 4
            End Select
        End If
        sOut = sOut & c
        i = i + 1
    Loop
    JsonString = sOut
End Function

Function JsonNumber(sJson As String, sKey As String, nStart As Long) As Long
    Dim n As Long, sNum As String
    n = JsonValueAt(sJson, sKey, nStart)
    If n = 0 Then Exit Function
    Do While n <= Len(sJson) And InStr("0123456789", Mid(sJson, n, 1)) > 0
        sNum = sNum & Mid(sJson, n, 1)
        n = n + 1
    Loop
    If sNum <> "" Then JsonNumber = CLng(sNum)
End Function

' Position of the first character of the value of "key": after nStart, 0 if none.
Function JsonValueAt(sJson As String, sKey As String, nStart As Long) As Long
    Dim n As Long
    n = InStr(nStart, sJson, """" & sKey & """:")
    If n = 0 Then Exit Function
    n = n + Len(sKey) + 3
    Do While n <= Len(sJson) And (Mid(sJson, n, 1) = " " Or Mid(sJson, n, 1) = Chr(10))
        n = n + 1
    Loop
    JsonValueAt = n
End Function
