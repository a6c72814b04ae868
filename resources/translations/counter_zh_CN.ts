<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActivationDialog</name>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="14"/>
        <source>Activate a card</source>
        <translation>激活社会保障卡</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="23"/>
        <source>Scan the pick-up voucher or the collection receipt, or type the application number or an ID number, and press Enter. Record the activation once the card&apos;s functions have been activated at the window.</source>
        <translation>请扫描取卡凭证或领取回执，或输入申请编号或身份证号码后按回车。在窗口完成卡片功能激活后登记激活。</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="35"/>
        <source>&amp;Voucher or number:</source>
        <translation>凭证或号码(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="48"/>
        <source>Scan the voucher&apos;s QR code, or type a number</source>
        <translation>扫描凭证二维码，或输入号码</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="58"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="83"/>
        <source>Collected card</source>
        <translation>已领取的卡片</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="89"/>
        <source>Application no.:</source>
        <translation>申请编号：</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="99"/>
        <source>Cardholder:</source>
        <translation>持卡人：</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="109"/>
        <source>Card number:</source>
        <translation>社会保障卡号：</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="119"/>
        <source>Collected:</source>
        <translation>领取：</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="138"/>
        <source>Whether the electronic social security card can be claimed on this card, and why not</source>
        <translation>能否以此卡申领电子社保卡，以及不能申领的原因</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="167"/>
        <source>Print &amp;e-card guide…</source>
        <translation>打印电子社保卡指南…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="170"/>
        <source>Print the city&apos;s guide to claiming the electronic social security card: apps, steps, claiming for a child, a lost card</source>
        <translation>打印本市电子社保卡申领指南：申领渠道、申领步骤、为孩子申领、实体卡丢失时的处理</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="180"/>
        <source>Record &amp;activation</source>
        <translation>登记激活(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/activation_dialog.ui" line="190"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ApplicantPage</name>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="6"/>
        <location filename="../../ui/wizard_applicant.ui" line="129"/>
        <source>Applicant</source>
        <translation>申请人信息</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="9"/>
        <source>Enter the ID number first: birth date, sex and age are read from it.</source>
        <translation>请先录入身份证号码，系统将自动识别出生日期、性别和年龄。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="33"/>
        <source>Presented b&amp;y:</source>
        <translation>办理人(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="141"/>
        <source>&amp;ID number:</source>
        <translation>身份证号码(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="154"/>
        <source>18 characters; the last may be X</source>
        <translation>18位，末位可为X</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="205"/>
        <source>e.g. WANG YAN</source>
        <translation>如：WANG YAN</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="219"/>
        <source>P&amp;hone:</source>
        <translation>联系电话(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="20"/>
        <source>Business &amp;type:</source>
        <translation>业务类型(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="46"/>
        <source>Online pre-application no. (F3)</source>
        <translation>网上预申请编号(F3)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="56"/>
        <source>Read ID card (F2)</source>
        <translation>读身份证(F2)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="59"/>
        <source>Fill name, ID number, sex, ethnicity, birth date and address from the card reader</source>
        <translation>从读卡器读取姓名、身份证号码、性别、民族、出生日期和地址</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="96"/>
        <source>&amp;Old card number:</source>
        <translation>原卡卡号(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="109"/>
        <source>As printed on the card being replaced</source>
        <translation>按原卡卡面填写</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="112"/>
        <source>The card this one replaces goes on the invalid list when the application reaches the card centre. For a lost card whose number is unknown, leave it empty.</source>
        <translation>申请送达卡管中心后，原卡列入无效卡名单。遗失且不知道卡号的，可不填。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="192"/>
        <source>&amp;Pinyin:</source>
        <translation>姓名拼音(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="236"/>
        <source>&amp;Ethnicity:</source>
        <translation>民族(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="260"/>
        <source>ID &amp;valid until:</source>
        <translation>证件有效期至(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="273"/>
        <source>e.g. 2034-05-01 or long-term</source>
        <translation>如：2034-05-01 或 长期</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="280"/>
        <source>Occ&amp;upation:</source>
        <translation>职业(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="351"/>
        <source>&amp;Guardian&apos;s name:</source>
        <translation>监护人姓名(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="368"/>
        <source>Relation to chil&amp;d:</source>
        <translation>与申请人关系(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="399"/>
        <source>ID number (&amp;J):</source>
        <translation>身份证号码(&amp;J)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="416"/>
        <source>&amp;Contact phone:</source>
        <translation>联系电话(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="472"/>
        <source>Agent&apos;s name (&amp;Q):</source>
        <translation>代办人姓名(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="496"/>
        <source>Relation (&amp;X):</source>
        <translation>与申请人关系(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="520"/>
        <source>ID number (&amp;Z):</source>
        <translation>身份证号码(&amp;Z)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="544"/>
        <source>Phone (&amp;K):</source>
        <translation>联系电话(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="297"/>
        <source>Household &amp;address:</source>
        <translation>户籍地址(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="310"/>
        <source>&amp;Residence address:</source>
        <translation>常住地址(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="323"/>
        <source>Mai&amp;ling address:</source>
        <translation>通讯地址(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="447"/>
        <source>Child and guardian are on the &amp;same household register</source>
        <translation>申请人与监护人在同一户口簿上(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="460"/>
        <source>Agent (applies on the applicant&apos;s behalf)</source>
        <translation>代办人（代申请人办理）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="339"/>
        <source>Guardian (the applicant is a minor)</source>
        <translation>监护人信息（申请人为未成年人）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_applicant.ui" line="175"/>
        <source>Na&amp;me:</source>
        <translation>姓名(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_applicant.py" line="111"/>
        <source>Born {date}  ·  {sex}  ·  {age} years old</source>
        <translation>出生日期 {date}  ·  {sex}  ·  {age} 周岁</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_applicant.py" line="113"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_applicant.py" line="113"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_applicant.py" line="119"/>
        <source>Empty: the guardian&apos;s phone</source>
        <translation>不填则用监护人电话</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_applicant.py" line="136"/>
        <source>business type set to {business}</source>
        <translation>业务类型已改为{business}</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location filename="../../ui/card_centre_audit.ui" line="6"/>
        <source>Flagged &amp;counters</source>
        <translation>审计异常柜台(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_audit.ui" line="12"/>
        <source>Counters whose audit log did not match what the central database received: a record missing, a record changed, or the chain of records rewritten. Ask the handling point why before trusting that counter&apos;s records.</source>
        <translation>以下柜台的审计日志与中心数据库收到的不一致：有记录缺失、记录被改动，或记录链被改写。在信任该柜台的记录之前，请先向所属经办网点了解原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="55"/>
        <source>Handling point</source>
        <translation>经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="55"/>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="55"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="56"/>
        <source>Flagged at</source>
        <translation>标记时间</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="56"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="69"/>
        <source>Flagged counters: {count}</source>
        <translation>被标记的柜台：{count} 台</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="70"/>
        <source>No counter is flagged.</source>
        <translation>没有被标记的柜台。</translation>
    </message>
</context>
<context>
    <name>BatchIntakeDialog</name>
    <message>
        <location filename="../../ui/batch_intake.ui" line="6"/>
        <source>Batch intake</source>
        <translation>批量受理</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="20"/>
        <source>&amp;Committee or community:</source>
        <translation>村委会/社区(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="37"/>
        <source>Spreadsheet:</source>
        <translation>申请表格：</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="46"/>
        <source>(none chosen)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="53"/>
        <source>&amp;Open spreadsheet… (Ctrl+O)</source>
        <translation>打开表格…(&amp;O)(Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="60"/>
        <source>Save &amp;template…</source>
        <translation>保存模板…(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="63"/>
        <source>Save the spreadsheet template for committees: the columns the import expects, an example row and notes on filling it in</source>
        <translation>保存给村委会/社区填写的表格模板：包含导入所需的各列、一行示例和填写说明</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="88"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="93"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="98"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="103"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="120"/>
        <source>&amp;Accept the good rows</source>
        <translation>受理合格行(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="130"/>
        <source>&amp;Hand over to the bank…</source>
        <translation>移交银行…(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="140"/>
        <source>&amp;Print batch…</source>
        <translation>打印本批次…(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="143"/>
        <source>Print the batch list for the bank, and the forms of the applications that have passed examination</source>
        <translation>打印交银行的批次清单，以及已通过初审的申请的登记表</translation>
    </message>
    <message>
        <location filename="../../ui/batch_intake.ui" line="153"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="62"/>
        <source>Checking the rows…</source>
        <translation>正在核验各行…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="68"/>
        <source>batch intake template</source>
        <translation>社保卡批量申领模板</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="71"/>
        <source>Saving the template…</source>
        <translation>正在保存模板…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="77"/>
        <source>Template saved: {file}. Give it to the committee; its second sheet says how to fill it in.</source>
        <translation>模板已保存：{file}。请交给村委会/社区填写；第二张工作表是填写说明。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="80"/>
        <source>Template saved: {file}.</source>
        <translation>模板已保存：{file}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="88"/>
        <source>{good} rows can be accepted; {bad} rows need correcting ({problems} problems, listed below: send the list back to the committee).</source>
        <translation>{good} 行可以受理；{bad} 行需要更正（共 {problems} 处问题，见下表，请将清单退回村委会/社区）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="92"/>
        <source>By business type: {counts}.</source>
        <translation>按业务类型：{counts}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="126"/>
        <source>Taking in the batch…</source>
        <translation>正在受理批次…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="134"/>
        <source>Batch {number}: {count} applications taken in.</source>
        <translation>批次 {number}：已受理 {count} 份申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="143"/>
        <source>Writing the handover file…</source>
        <translation>正在生成移交文件…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="150"/>
        <source>{count} applications handed over; file: {file}</source>
        <translation>已移交 {count} 份申请；文件：{file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="161"/>
        <source>Printing the batch…</source>
        <translation>正在打印本批次…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="167"/>
        <source>Preparing form {done} of {total}…</source>
        <translation>正在准备登记表：第 {done} / {total} 份…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="173"/>
        <source>Preparing the batch list…</source>
        <translation>正在准备批次清单…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="173"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="175"/>
        <source>Printing the batch</source>
        <translation>打印本批次</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="197"/>
        <source>Printing page {done} of {total}…</source>
        <translation>正在打印：第 {done} / {total} 页…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="199"/>
        <source>Sending the batch to the printer…</source>
        <translation>正在将本批次发送到打印机…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="206"/>
        <source>Batch {number} printed: the list of {listed} applications and {forms} forms; pages printed: {pages}.</source>
        <translation>批次 {number} 已打印：清单列出 {listed} 份申请，附登记表 {forms} 份；共打印 {pages} 页。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="210"/>
        <source>{count} applications have not passed examination yet; their forms print once they have.</source>
        <translation>{count} 份申请尚未通过初审，通过后再打印其登记表。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="219"/>
        <source>Printing the batch was cancelled.</source>
        <translation>已取消打印本批次。</translation>
    </message>
</context>
<context>
    <name>CardCentreWindow</name>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="14"/>
        <source>Card Centre</source>
        <translation>社会保障卡管理中心</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="38"/>
        <source>Card centre</source>
        <translation>卡管中心</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="56"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="59"/>
        <source>Read everything again from the central database (F5)</source>
        <translation>从中心数据库重新读取全部数据（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="73"/>
        <location filename="../../counter_app/qt/card_centre_window.py" line="128"/>
        <source>Connecting to the central database…</source>
        <translation>正在连接中心数据库……</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="83"/>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="100"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="108"/>
        <source>&amp;Operator</source>
        <translation>操作员(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="121"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="129"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="137"/>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="140"/>
        <source>Choose a new password for your operator account</source>
        <translation>为您的操作员账号设置新密码</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="145"/>
        <source>&amp;Lock window</source>
        <translation>锁定窗口(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="148"/>
        <source>Cover the window until you (or a supervisor) type the password again; the work in progress is kept (Ctrl+Alt+L)</source>
        <translation>遮盖窗口，直到您（或主管）再次输入密码；正在办理的业务保留（Ctrl+Alt+L）</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="156"/>
        <source>&amp;Operators…</source>
        <translation>操作员管理(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_window.ui" line="159"/>
        <source>Create operators, assign roles, disable them, reset passwords (administrators)</source>
        <translation>新建操作员、分配角色、停用、重置密码（管理员）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_window.py" line="103"/>
        <source>Signed in as {name}</source>
        <translation>当前操作员：{name}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_window.py" line="138"/>
        <source>This computer is not enrolled: the card centre works on its own built-in central database (a single office, or a demo). Enrol it as a device of the card centre&apos;s site to work on the city&apos;s central database.</source>
        <translation>本机尚未注册：卡管中心正在使用本机内置的中心数据库（单一网点或演示）。如需处理全市数据，请将本机注册为卡管中心的设备。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_window.py" line="144"/>
        <source>Central database: every handling point of the city.</source>
        <translation>中心数据库：全市所有经办网点。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_window.py" line="209"/>
        <source>Read at {time}</source>
        <translation>{time} 读取</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_window.py" line="216"/>
        <source>{title} ({count})</source>
        <translation>{title}（{count}）</translation>
    </message>
</context>
<context>
    <name>CardDialogs</name>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="50"/>
        <source>Scan the pick-up voucher, or type the application number or an ID number.</source>
        <translation>请扫描取卡凭证，或输入申请编号或身份证号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="52"/>
        <source>Looking for the card…</source>
        <translation>正在查找卡片…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="53"/>
        <source>{count} cards were found for this number: choose the one to hand over.</source>
        <translation>该号码共找到 {count} 张卡片：请选择要发放的一张。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="55"/>
        <source>A &amp;guardian on record: {name} ({relation})</source>
        <translation>登记的监护人：{name}（{relation}）(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="57"/>
        <source>A &amp;guardian on record</source>
        <translation>登记的监护人(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="58"/>
        <source>A child&apos;s card is handed to a guardian on record</source>
        <translation>未成年人的社会保障卡由登记的监护人领取</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="60"/>
        <source>Recording the hand-over…</source>
        <translation>正在登记发卡…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="61"/>
        <source>The card of application {number} was handed over to {collector}.</source>
        <translation>申请 {number} 的社会保障卡已发放给{collector}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="63"/>
        <source>The activation of the card of application {number} is recorded.</source>
        <translation>申请 {number} 的社会保障卡已登记激活。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="65"/>
        <source>The card was found: undo the temporary loss report</source>
        <translation>卡片已找回：解除临时挂失</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="67"/>
        <source>Please enter a card number or an ID number.</source>
        <translation>请输入社会保障卡号或身份证号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="68"/>
        <source>No card of this handling point and nothing on the invalid list was found for this number. A card taken in elsewhere can still be reported with its number and the holder&apos;s ID number.</source>
        <translation>未找到本网点与该号码对应的卡片，无效卡名单中也没有记录。其他网点受理的卡片，可凭卡号和持卡人身份证号码办理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="72"/>
        <source>not listed</source>
        <translation>未列入</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="73"/>
        <source>{kind} ({level}), {state}, since {date}</source>
        <translation>{kind}（{level}），{state}，{date}起</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="74"/>
        <source>, until {date}</source>
        <translation>，至{date}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="75"/>
        <source>&amp;Undo the report</source>
        <translation>解除挂失(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="76"/>
        <source>&amp;Record</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="77"/>
        <source>Recorded: {kind} ({level}).</source>
        <translation>已登记：{kind}（{level}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="78"/>
        <source>It holds until {date}, unless made formal or undone before.</source>
        <translation>有效期至{date}，期间可转为正式挂失或解挂。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_dialogs.py" line="80"/>
        <source>The temporary loss report is undone; the card is valid again.</source>
        <translation>临时挂失已解除，卡片恢复有效。</translation>
    </message>
</context>
<context>
    <name>CardReportDialog</name>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="14"/>
        <source>Invalid list: report a card</source>
        <translation>无效卡登记：挂失、损坏、注销</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="23"/>
        <source>Find the card by its number or the cardholder&apos;s ID number. A temporary loss report holds for the city&apos;s number of days; a formal loss report cannot be undone. Check the ID shown before recording.</source>
        <translation>按卡号或持卡人身份证号码查找卡片。临时挂失在本市规定的天数内有效；正式挂失后不能解挂。登记前请核验所出示的证件。</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="35"/>
        <source>Card or ID &amp;number:</source>
        <translation>卡号或身份证号码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="55"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="92"/>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="97"/>
        <source>Cardholder</source>
        <translation>持卡人</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="102"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="107"/>
        <source>Card status</source>
        <translation>卡片状态</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="112"/>
        <source>Invalid list</source>
        <translation>无效卡名单</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="130"/>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="136"/>
        <source>&amp;What happened:</source>
        <translation>办理事项(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="149"/>
        <source>&amp;Card number:</source>
        <translation>卡号(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="166"/>
        <source>Cardholder&apos;s &amp;ID number:</source>
        <translation>持卡人身份证号码(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="179"/>
        <source>As on the cardholder&apos;s ID shown</source>
        <translation>按持卡人出示的证件填写</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="198"/>
        <source>&amp;Record</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/card_report_dialog.ui" line="208"/>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
</context>
<context>
    <name>CarryActions</name>
    <message>
        <location filename="../../counter_app/qt/carry_actions.py" line="39"/>
        <source>Writing the file to carry…</source>
        <translation>正在写入待携带的文件…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/carry_actions.py" line="47"/>
        <source>Reading the receipt…</source>
        <translation>正在读取回执…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/carry_actions.py" line="61"/>
        <source>{applications} applications ({operations} operations, {files} files, {audit} audit records) were written to {file}.

Carry the file to the central database; import the receipt that comes back here. Until then they stay unsent.</source>
        <translation>已把 {applications} 笔申请（{operations} 项操作、{files} 个文件、{audit} 条审计记录）写入 {file}。

请把该文件携带到中心数据库；把带回的回执导入本窗口。在此之前，这些数据仍为未发送。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/carry_actions.py" line="66"/>
        <source>No application was waiting: {file} holds {audit} audit records only. Carry it to the central database like any other.</source>
        <translation>没有待发送的申请：{file} 只包含 {audit} 条审计记录。请像其他文件一样携带到中心数据库。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/carry_actions.py" line="75"/>
        <source>Marked as sent: {marked}. Refused by the central database: {rejected} (see Sync problems). Still to send: {waiting}.</source>
        <translation>已标记为已发送：{marked}。被中心数据库拒收：{rejected}（见“同步问题”）。仍待发送：{waiting}。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../counter_app/qt/password_dialog.py" line="67"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>CloseDayDialog</name>
    <message>
        <location filename="../../ui/close_day.ui" line="14"/>
        <location filename="../../counter_app/qt/close_day.py" line="328"/>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="22"/>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="42"/>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="80"/>
        <source>Open &amp;items (Up and Down choose one; the keys 1 to 9 give it a reason; a group&apos;s row gives all of its items the same):</source>
        <translation>未办结事项(&amp;I)（上下键选择；数字键 1 至 9 选择说明原因；选中分组行则为该组全部事项填写相同原因）：</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="103"/>
        <source>Application</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="108"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="113"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="118"/>
        <source>Reason</source>
        <translation>说明原因</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="123"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="133"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="146"/>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="159"/>
        <source>Needed where the reason asks for one</source>
        <translation>所选原因要求时必填</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="210"/>
        <source>Close the da&amp;y…</source>
        <translation>日结(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="213"/>
        <source>Enabled once every open item has a reason</source>
        <translation>每个未办结事项都选择了原因后才可日结</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="223"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="226"/>
        <source>Print the closing report (Ctrl+P)</source>
        <translation>打印日结报表（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/close_day.ui" line="236"/>
        <source>Cl&amp;ose</source>
        <translation>关闭(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="48"/>
        <source>Waiting for review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="49"/>
        <source>Not sent yet</source>
        <translation>未上传</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="50"/>
        <source>Refused by the central database</source>
        <translation>被中心数据库拒收</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="51"/>
        <source>Printed but not signed</source>
        <translation>已打印未签字</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="52"/>
        <source>Not finished</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="53"/>
        <source>Returned to staff</source>
        <translation>被退回</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="121"/>
        <source>— choose a reason —</source>
        <translation>— 请选择原因 —</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="132"/>
        <source>{reason} (may be continued later)</source>
        <translation>{reason}（可续办）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="157"/>
        <source>Looking at the day…</source>
        <translation>正在查询当日情况…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="339"/>
        <source>{count} open items on {day}; {missing} still without a reason (or its note).</source>
        <translation>{day} 共有 {count} 项未办结事项，还差 {missing} 项未说明原因（或未填备注）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="343"/>
        <source>{count} open items on {day}.</source>
        <translation>{day} 共有 {count} 项未办结事项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="352"/>
        <source>Close {day}? Its records will no longer change and no new applications can be taken on that day; only an administrator can reopen the day.</source>
        <translation>确定对 {day} 日结吗？日结后当日记录不能再更改，当日也不能再受理新申请；只有管理员可以重新开放。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="337"/>
        <source>No open items on {day}: the day can be closed.</source>
        <translation>{day} 没有未办结事项，可以日结。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="206"/>
        <source>{day} was closed at {at} by {name}.</source>
        <translation>{day} 已于 {at} 由 {name} 日结。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="327"/>
        <source>{count} items still need a reason (or its note).</source>
        <translation>还有 {count} 项需要选择原因（或填写备注）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="357"/>
        <source>Closing the day and making its report…</source>
        <translation>正在日结并生成日结报表…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="372"/>
        <source>Close the window? The reasons given for {day} will be lost: the day is not closed yet.</source>
        <translation>确定关闭窗口吗？{day} 尚未日结，已选择的说明原因将丢失。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="386"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
</context>
<context>
    <name>CollectionDialog</name>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="14"/>
        <source>Collect a card</source>
        <translation>领卡</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="23"/>
        <source>Scan the pick-up voucher, or type the application number or an ID number, and press Enter. The card is handed over at the handling point where it was applied for, to the applicant or, for a child, to a guardian on record, after checking the ID they show.</source>
        <translation>请扫描取卡凭证，或输入申请编号或身份证号码后按回车。社会保障卡在原受理网点发放，核验证件后交给申请人本人；未成年人的卡片交给登记的监护人。</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="35"/>
        <source>&amp;Voucher or number:</source>
        <translation>凭证或号码(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="48"/>
        <source>Scan the voucher&apos;s QR code, or type a number</source>
        <translation>扫描凭证二维码，或输入号码</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="58"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="83"/>
        <source>More than one card waits for this number: choose the one to hand over</source>
        <translation>该号码有多张待领卡片：请选择要发放的一张</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="90"/>
        <source>Card waiting for collection</source>
        <translation>待领卡片</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="96"/>
        <source>Application no.:</source>
        <translation>申请编号：</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="106"/>
        <source>Cardholder:</source>
        <translation>持卡人：</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="116"/>
        <source>ID number:</source>
        <translation>证件号码：</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="126"/>
        <source>Card number:</source>
        <translation>社会保障卡号：</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="136"/>
        <source>Bank:</source>
        <translation>发卡银行：</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="146"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="159"/>
        <source>Who collects the card</source>
        <translation>领卡人</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="165"/>
        <source>The &amp;applicant in person</source>
        <translation>申请人本人(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="172"/>
        <source>A &amp;guardian on record</source>
        <translation>登记的监护人(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="179"/>
        <source>ID number &amp;shown:</source>
        <translation>所示证件号码(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="192"/>
        <source>As on the original ID of the person collecting</source>
        <translation>按领卡人出示的证件原件填写</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="199"/>
        <source>Read ID card (F2)</source>
        <translation>读身份证(F2)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="218"/>
        <source>Whether the electronic social security card can be claimed on this card, and why not</source>
        <translation>能否以此卡申领电子社保卡，以及不能申领的原因</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="247"/>
        <source>Print &amp;e-card guide…</source>
        <translation>打印电子社保卡指南…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="250"/>
        <source>Print the city&apos;s guide to claiming the electronic social security card: apps, steps, claiming for a child, a lost card</source>
        <translation>打印本市电子社保卡申领指南：申领渠道、申领步骤、为孩子申领、实体卡丢失时的处理</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="260"/>
        <source>&amp;Hand over and print receipt</source>
        <translation>发卡并打印回执(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/collection_dialog.ui" line="270"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DayReportDialog</name>
    <message>
        <location filename="../../ui/day_report.ui" line="14"/>
        <source>End-of-day report</source>
        <translation>日终报表</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="22"/>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="42"/>
        <source>&amp;Show</source>
        <translation>生成(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="64"/>
        <source>Blank cards at day close</source>
        <translation>日终空白卡盘点</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="80"/>
        <source>&amp;Blanks counted:</source>
        <translation>实点空白卡(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="97"/>
        <source>E&amp;xplanation:</source>
        <translation>差异说明(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="110"/>
        <source>Needed when the count differs from the stock expected</source>
        <translation>实点数与应有库存不符时必填</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="117"/>
        <source>&amp;Record count</source>
        <translation>记录盘点(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="120"/>
        <source>Record the blanks counted, then show the report with them</source>
        <translation>记录实点空白卡数，并重新生成含盘点结果的报表</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="155"/>
        <source>&amp;Print…</source>
        <translation>打印…(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="158"/>
        <source>Print the report (Ctrl+P)</source>
        <translation>打印报表（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/day_report.ui" line="168"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/day_report.py" line="85"/>
        <source>Preparing the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/day_report.py" line="97"/>
        <source>The stock of blank cards is not known yet: sync first.</source>
        <translation>空白卡库存尚未获取：请先同步。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/day_report.py" line="99"/>
        <source>Expected in stock: {expected} (received {received}, issued {issued}, spoiled {spoiled}).</source>
        <translation>应有库存：{expected} 张（领入 {received}，已发卡 {issued}，作废 {spoiled}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/day_report.py" line="104"/>
        <source>Counted today: {counted}.</source>
        <translation>今日已盘点：{counted} 张。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/day_report.py" line="141"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/day_report.py" line="150"/>
        <source>End-of-day report of {day}.</source>
        <translation>{day} 日终报表。</translation>
    </message>
</context>
<context>
    <name>DispatchTab</name>
    <message>
        <location filename="../../ui/card_centre_dispatch.ui" line="6"/>
        <source>&amp;Send to handling points</source>
        <translation>下发经办网点(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_dispatch.ui" line="12"/>
        <source>Cards made and still at the card centre. Sending them moves each to its handling point and queues the applicant&apos;s notice (SMS and letter).</source>
        <translation>已制成、仍在卡管中心的社会保障卡。下发后卡片转至各自的经办网点，并生成给申请人的领卡通知（短信和通知书）。</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_dispatch.ui" line="65"/>
        <source>Select a&amp;ll</source>
        <translation>全选(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_dispatch.ui" line="75"/>
        <source>Send to the handling &amp;points</source>
        <translation>下发经办网点(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="36"/>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="36"/>
        <source>Handling point</source>
        <translation>经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="36"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="37"/>
        <source>Card no.</source>
        <translation>社会保障卡号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="37"/>
        <source>Bank</source>
        <translation>发卡银行</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="37"/>
        <source>Made on</source>
        <translation>制卡日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="55"/>
        <source>{count} cards wait to be sent</source>
        <translation>{count} 张卡待下发</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="66"/>
        <source>{sent} cards sent to their handling points; {notices} notices queued.</source>
        <translation>{sent} 张卡已下发经办网点，已生成 {notices} 条通知。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_dispatch.py" line="70"/>
        <source>{count} were not sent: they have no production record (made in a production batch, with a card number) or were moved meanwhile.</source>
        <translation>另有 {count} 张未发出：没有制卡记录（须在制卡批次中制作并有卡号），或已被他人处理。</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <location filename="../../counter_app/qt/document_actions.py" line="65"/>
        <source>The pick-up voucher was printed.</source>
        <translation>取件凭证已打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/document_actions.py" line="74"/>
        <source>Select an application in the queue first.</source>
        <translation>请先在队列中选择一项申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/document_actions.py" line="94"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
</context>
<context>
    <name>DocumentCameraDialog</name>
    <message>
        <location filename="../../ui/document_camera.ui" line="6"/>
        <source>Capture from the document camera</source>
        <translation>高拍仪拍摄材料</translation>
    </message>
    <message>
        <location filename="../../ui/document_camera.ui" line="40"/>
        <source>Starting the document camera…</source>
        <translation>正在启动高拍仪…</translation>
    </message>
    <message>
        <location filename="../../ui/document_camera.ui" line="53"/>
        <source>Lay the material flat under the camera, wholly in the picture, then press Enter.</source>
        <translation>请将材料平放在高拍仪下，完整置于画面内，然后按回车键。</translation>
    </message>
    <message>
        <location filename="../../ui/document_camera.ui" line="78"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/document_camera.ui" line="105"/>
        <source>&amp;Capture (Enter)</source>
        <translation>拍摄(&amp;C)（回车）</translation>
    </message>
    <message>
        <location filename="../../ui/document_camera.ui" line="115"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EcardGuide</name>
    <message>
        <location filename="../../counter_app/qt/ecard_view.py" line="76"/>
        <source>The e-card guide was printed.</source>
        <translation>电子社保卡申领指南已打印。</translation>
    </message>
</context>
<context>
    <name>ExaminationPage</name>
    <message>
        <location filename="../../ui/wizard_examination.ui" line="6"/>
        <source>Preliminary examination</source>
        <translation>材料初审</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_examination.ui" line="9"/>
        <source>Check the materials against the originals, then pass the application or reject it with the reasons.</source>
        <translation>请核对材料原件后，选择审核通过，或注明理由后不予受理。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_examination.ui" line="28"/>
        <source>&amp;Pass: the materials are complete and correct</source>
        <translation>审核通过：材料齐全、信息无误(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_examination.ui" line="38"/>
        <source>&amp;Reject: tell the applicant what is missing or wrong</source>
        <translation>不予受理：告知申请人缺少或有误的材料(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_examination.ui" line="45"/>
        <source>Reasons</source>
        <translation>不予受理原因</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_examination.ui" line="53"/>
        <source>&amp;Details for the applicant (one per line):</source>
        <translation>向申请人说明的具体情况(&amp;D)（每行一条）：</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_examination.py" line="31"/>
        <source>Materials received: {received} of {total}.</source>
        <translation>已收材料：{received} / {total} 项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_examination.py" line="34"/>
        <source>Missing required materials: {names}.</source>
        <translation>缺少必交材料：{names}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_examination.py" line="45"/>
        <source>Missing: {names}</source>
        <translation>缺少：{names}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_examination.py" line="65"/>
        <source>The application has been rejected. Please give the applicant the reasons and return the materials.</source>
        <translation>该申请已不予受理。请向申请人说明理由并退还材料。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="6"/>
        <source>First start</source>
        <translation>首次使用</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="33"/>
        <source>First-time set-up</source>
        <translation>首次使用设置</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="40"/>
        <source>No operator exists yet. Enter the handling point and create its administrator account.</source>
        <translation>尚未设置任何操作员。请填写经办网点信息，并创建管理员账号。</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="50"/>
        <source>Handling point</source>
        <translation>经办网点</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="56"/>
        <source>Site &amp;code:</source>
        <translation>网点编码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="69"/>
        <source>e.g. SC001</source>
        <translation>如：SC001</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="76"/>
        <source>Site &amp;name:</source>
        <translation>网点名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="96"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="102"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="119"/>
        <source>&amp;Display name:</source>
        <translation>姓名(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="136"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="149"/>
        <source>at least 8 characters</source>
        <translation>至少8位</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="156"/>
        <source>Password &amp;again:</source>
        <translation>确认密码(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="192"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run_dialog.ui" line="202"/>
        <source>C&amp;reate administrator</source>
        <translation>创建管理员(&amp;R)</translation>
    </message>
</context>
<context>
    <name>IncomingTab</name>
    <message>
        <location filename="../../ui/card_centre_incoming.ui" line="6"/>
        <source>&amp;Incoming</source>
        <translation>待制卡申请(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_incoming.ui" line="12"/>
        <source>Applications received from the handling points and not yet sent to the card factory, by handling point and by days since they arrived. Choose applications (or a handling point above, then Select all) and make a production batch.</source>
        <translation>各经办网点报送、尚未交付制卡厂的申请，按经办网点和到达天数统计。选中申请（或先在上方选择经办网点，再点“全选”）后生成制卡批次。</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_incoming.ui" line="102"/>
        <source>All &amp;handling points</source>
        <translation>全部经办网点(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_incoming.ui" line="112"/>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_incoming.ui" line="122"/>
        <source>Make a production &amp;batch</source>
        <translation>生成制卡批次(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_incoming.ui" line="125"/>
        <source>Move the chosen applications into production as one batch for the card factory</source>
        <translation>将选中的申请作为一个批次交付制卡厂制卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="49"/>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="49"/>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="67"/>
        <source>Handling point</source>
        <translation>经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="49"/>
        <source>Business</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="50"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="50"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="50"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="50"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="64"/>
        <source>{low}-{high} days</source>
        <translation>{low}—{high} 天</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="65"/>
        <source>{low}+ days</source>
        <translation>{low} 天及以上</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="67"/>
        <source>Failed</source>
        <translation>制卡失败</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="67"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="93"/>
        <source>{shown} shown of {total} waiting</source>
        <translation>共 {total} 件待制卡，显示 {shown} 件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="108"/>
        <source>Make a production batch of {count} applications from {site}?</source>
        <translation>将“{site}”的 {count} 件申请生成一个制卡批次？</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="111"/>
        <source>Make a production batch of {count} applications from {sites} handling points?</source>
        <translation>将 {sites} 个经办网点的 {count} 件申请生成一个制卡批次？</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="117"/>
        <source>{site}: {count}</source>
        <translation>{site}：{count} 件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="120"/>
        <source>and {count} more handling points</source>
        <translation>另有 {count} 个经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="128"/>
        <source>The applications go to the card factory; a batch cannot be taken back.</source>
        <translation>这些申请将交付制卡厂制卡；批次生成后无法撤回。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="132"/>
        <source>Production batch {name}: {count} applications are now in production.</source>
        <translation>制卡批次 {name}：{count} 件申请已进入制卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_incoming.py" line="135"/>
        <source>{count} chosen applications had been moved meanwhile and were left out.</source>
        <translation>选中的申请中有 {count} 件已被他人处理，未列入本批次。</translation>
    </message>
</context>
<context>
    <name>InquiryDialog</name>
    <message>
        <location filename="../../ui/inquiry.ui" line="14"/>
        <source>Inquiry</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="22"/>
        <source>ID number or card &amp;number:</source>
        <translation>身份证号码或卡号(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="35"/>
        <source>Type or scan the number, then press Enter</source>
        <translation>输入或扫描号码后按回车</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="45"/>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="93"/>
        <source>Whether the electronic social security card can be claimed on this card, and why not</source>
        <translation>能否以此卡申领电子社保卡，以及不能申领的原因</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="100"/>
        <source>Applications and cards</source>
        <translation>申领记录及社会保障卡</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="135"/>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="140"/>
        <source>Handling point</source>
        <translation>经办网点</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="145"/>
        <source>Business</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="150"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="155"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="160"/>
        <source>Card due</source>
        <translation>承诺制卡日期</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="165"/>
        <location filename="../../ui/inquiry.ui" line="213"/>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="170"/>
        <source>Card status</source>
        <translation>卡片状态</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="178"/>
        <source>Invalid list (lost, damaged, expired, cancelled cards)</source>
        <translation>挂失及失效名单（挂失、损坏、到期、注销的卡）</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="218"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="223"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="228"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="233"/>
        <source>Listed</source>
        <translation>列入时间</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="238"/>
        <source>Until</source>
        <translation>到期/解除时间</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="243"/>
        <source>Reported at</source>
        <translation>登记网点</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="260"/>
        <source>Print &amp;e-card guide…</source>
        <translation>打印电子社保卡指南…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="263"/>
        <source>Print the city&apos;s guide to claiming the electronic social security card: apps, steps, claiming for a child, a lost card</source>
        <translation>打印本市电子社保卡申领指南：申领渠道、申领步骤、为孩子申领、实体卡丢失时的处理</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="273"/>
        <source>&amp;Print result…</source>
        <translation>打印查询结果…(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="276"/>
        <source>Print the result for the cardholder: statuses only, numbers masked (Ctrl+P)</source>
        <translation>为持卡人打印查询结果：仅含办理状态，号码已遮蔽（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../ui/inquiry.ui" line="286"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="99"/>
        <source>Type or scan an ID number or card number and press Enter.</source>
        <translation>请输入或扫描身份证号码或社会保障卡卡号，然后按回车。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="119"/>
        <source>Looking up…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="163"/>
        <source>The result was printed.</source>
        <translation>查询结果已打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="172"/>
        <source>Nothing is known about {number}.</source>
        <translation>未查到 {number} 的任何记录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="174"/>
        <source>{number} — applications: {applications}, invalid-list entries: {entries}.</source>
        <translation>{number}：申领记录 {applications} 条，挂失及失效名单记录 {entries} 条。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="179"/>
        <source>A card of this number is on the invalid list and cannot be used.</source>
        <translation>该号码名下有卡片在失效名单中，不能使用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="189"/>
        <source>{status} (not yet sent)</source>
        <translation>{status}（尚未上传）</translation>
    </message>
</context>
<context>
    <name>InstantIssueDialog</name>
    <message>
        <location filename="../../ui/instant_issue.ui" line="6"/>
        <source>Make the card</source>
        <translation>制卡</translation>
    </message>
    <message>
        <location filename="../../ui/instant_issue.ui" line="21"/>
        <source>Application {number}: the card is made here, now.</source>
        <translation>申请 {number}：现在在本窗口制卡。</translation>
    </message>
    <message>
        <location filename="../../ui/instant_issue.ui" line="70"/>
        <source>&amp;Retry with the next blank</source>
        <translation>换下一张空白卡重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/instant_issue.ui" line="77"/>
        <source>Try the &amp;same blank again</source>
        <translation>用同一张空白卡再试(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/instant_issue.ui" line="84"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/instant_issue.py" line="60"/>
        <source>Writing the chip and printing the card…</source>
        <translation>正在写入芯片并打印卡面…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/instant_issue.py" line="78"/>
        <source>Card {card} is made and handed over ({status}).</source>
        <translation>卡号 {card} 已制成并交付（{status}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/instant_issue.py" line="83"/>
        <source>Card {card} could not be made.</source>
        <translation>卡号 {card} 制卡失败。</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <location filename="../../counter_app/qt/wizard.py" line="79"/>
        <source>Returned by {name}: {reason}.</source>
        <translation>已被 {name} 退回：{reason}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/wizard.py" line="81"/>
        <source>Correct it and examine it again.</source>
        <translation>请更正后重新初审。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/wizard.py" line="83"/>
        <source>Note: {note}</source>
        <translation>说明：{note}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/wizard.py" line="99"/>
        <source>Application {number}</source>
        <translation>申请 {number}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/wizard.py" line="101"/>
        <source>New application</source>
        <translation>新建申请</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../ui/lock_dialog.ui" line="6"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock_dialog.ui" line="33"/>
        <source>Counter locked</source>
        <translation>柜台已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock_dialog.ui" line="40"/>
        <source>This window locked itself after {minutes} minutes without use. {name} or a supervisor of this site can unlock it; the work in progress is kept.</source>
        <translation>窗口已闲置 {minutes} 分钟，已自动锁定。{name}或本网点的主管可以解锁；正在办理的业务均已保留。</translation>
    </message>
    <message>
        <location filename="../../ui/lock_dialog.ui" line="58"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/lock_dialog.ui" line="75"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/lock_dialog.ui" line="113"/>
        <source>Un&amp;lock</source>
        <translation>解锁(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/idle_lock.py" line="159"/>
        <source>This window was locked. {name} or a supervisor of this site can unlock it; the work in progress is kept.</source>
        <translation>窗口已锁定。{name}或本网点的主管可以解锁；正在办理的业务均已保留。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.ui" line="6"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="33"/>
        <source>Social Security Card Counter</source>
        <translation>社会保障卡受理窗口</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="43"/>
        <source>Please log in with your operator account.</source>
        <translation>请使用操作员账号登录。</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="61"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="78"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="113"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.ui" line="123"/>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.ui" line="14"/>
        <source>Social Security Card Service</source>
        <translation>社会保障卡受理窗口</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="38"/>
        <source>Today&apos;s applications</source>
        <translation>今日受理</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="48"/>
        <source>Today is closed</source>
        <translation>今日已日结</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="51"/>
        <source>A supervisor closed today: no new applications can be taken today. Only an administrator can reopen the day.</source>
        <translation>今日已由主管日结，不能再受理新申请。只有管理员可以重新开放。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="75"/>
        <source>Open items:</source>
        <translation>待办：</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="181"/>
        <source>&amp;Application</source>
        <translation>业务(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="190"/>
        <source>Open ite&amp;ms</source>
        <translation>待办事项(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="209"/>
        <source>&amp;Documents</source>
        <translation>文书(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="217"/>
        <source>Applicant &amp;guide</source>
        <translation>申领须知(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="224"/>
        <source>&amp;Photo</source>
        <translation>照片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="230"/>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="239"/>
        <source>&amp;Cards</source>
        <translation>社保卡(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="249"/>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="259"/>
        <source>&amp;Operator</source>
        <translation>操作员(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="268"/>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="284"/>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="308"/>
        <source>&amp;New application</source>
        <translation>新建申请(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="311"/>
        <source>Take in a new application (Ctrl+N)</source>
        <translation>受理一笔新申请（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="319"/>
        <source>&amp;Batch intake…</source>
        <translation>批量受理…(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="322"/>
        <source>Take in a committee&apos;s spreadsheet of applicants (Ctrl+B)</source>
        <translation>受理村委会/社区报送的申请人表格（Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="330"/>
        <source>&amp;Inquiry…</source>
        <translation>查询…(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="333"/>
        <source>A cardholder&apos;s applications, card and invalid-list status by ID number or card number (Ctrl+I)</source>
        <translation>按身份证号码或卡号查询持卡人的申领、卡片及失效名单状态（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="341"/>
        <source>&amp;End-of-day report…</source>
        <translation>日终报表…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="344"/>
        <source>The day&apos;s applications by business type and status, cards collected and overdue cards, to preview and print (supervisors)</source>
        <translation>当日按业务类型和状态统计的申请、已领卡及超期卡片，可预览和打印（主管）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="349"/>
        <source>&amp;Close the day…</source>
        <translation>日结(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="352"/>
        <source>Explain what is still open today and close the day: its records stop changing (supervisors)</source>
        <translation>说明今日仍未完成的事项并日结：此后该日记录不再更改（主管）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="357"/>
        <source>Re&amp;open a closed day…</source>
        <translation>重新开放已日结的日期(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="360"/>
        <source>Let a closed day&apos;s records change again, with a reason (administrators)</source>
        <translation>说明原因后允许已日结日期的记录再次更改（管理员）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="365"/>
        <source>&amp;Export unsent to carry…</source>
        <translation>导出待发数据以便携带(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="368"/>
        <source>Without a network: write everything unsent into one encrypted file, to carry to the central database by hand</source>
        <translation>无网络时：把所有未发送的数据写入一个加密文件，人工携带到中心数据库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="373"/>
        <source>Import a &amp;receipt…</source>
        <translation>导入回执(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="376"/>
        <source>Mark what the central database received from a carried file as sent</source>
        <translation>把中心数据库从携带文件中收到的数据标记为已发送</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="381"/>
        <source>&amp;Collect card…</source>
        <translation>领卡(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="384"/>
        <source>Hand a finished card over: scan the pick-up voucher, check the ID of who collects, print the collection receipt (Ctrl+L)</source>
        <translation>发放已制成的社会保障卡：扫描取卡凭证，核验领卡人证件，打印领取回执（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="392"/>
        <source>&amp;Activate card…</source>
        <translation>激活(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="395"/>
        <source>Record the activation of a collected card (Ctrl+J)</source>
        <translation>登记已领取卡片的激活（Ctrl+J）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="403"/>
        <source>&amp;Report lost, damaged or cancelled card…</source>
        <translation>挂失、损坏、注销登记(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="406"/>
        <source>Put a card on the invalid list: temporary or formal loss, damage, cancellation (Ctrl+Shift+L)</source>
        <translation>将卡片列入无效卡名单：临时挂失、正式挂失、损坏、注销（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="414"/>
        <source>&amp;Undo a temporary loss report…</source>
        <translation>解除临时挂失(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="417"/>
        <source>The card was found: undo its temporary loss report (Ctrl+Shift+U)</source>
        <translation>卡片已找回：解除临时挂失（Ctrl+Shift+U）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="425"/>
        <source>Attach &amp;signed form…</source>
        <translation>附加签字表…(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="428"/>
        <source>Attach the scan of a signed registration form: its QR code finds the application (Ctrl+G)</source>
        <translation>附加已签字登记表的扫描件：系统根据二维码找到对应申请（Ctrl+G）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="436"/>
        <source>Print pick-up &amp;voucher</source>
        <translation>打印取卡凭证(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="444"/>
        <source>&amp;Issue photo receipt…</source>
        <translation>出具照片回执(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="447"/>
        <source>Photo station: take the applicant&apos;s photo and print the receipt they bring to the window (Ctrl+R)</source>
        <translation>照相点：拍摄申请人照片并打印照片回执，申请人凭回执到窗口办理（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="455"/>
        <source>Print rejection &amp;notice</source>
        <translation>打印不予受理告知书(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="460"/>
        <source>&amp;Continue application</source>
        <translation>继续办理(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="463"/>
        <source>Continue the selected application where it stopped (Enter)</source>
        <translation>从中断处继续办理所选申请（回车）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="468"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="471"/>
        <source>Reload today&apos;s applications (F5)</source>
        <translation>重新加载今日受理列表（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="479"/>
        <source>&amp;Self-check…</source>
        <translation>自检…(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="482"/>
        <source>What this counter found about itself: disk space, clock, sync, printer, cameras, ID-card reader, version (F12)</source>
        <translation>本窗口的自检结果：磁盘空间、时钟、同步、打印机、摄像头、身份证读卡器、版本（F12）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="490"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="493"/>
        <source>Send submitted applications to the central database now (F9)</source>
        <translation>立即将已提交的申请上传至中心数据库（F9）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="501"/>
        <source>Sync &amp;problems…</source>
        <translation>同步问题(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="504"/>
        <source>Operations the central database refused, with its reasons (Shift+F9)</source>
        <translation>中心数据库拒收的操作及原因（Shift+F9）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="528"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="536"/>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="539"/>
        <source>Choose a new password for your operator account</source>
        <translation>为您的操作员账号设置新密码</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="544"/>
        <source>&amp;Lock window</source>
        <translation>锁定窗口(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="547"/>
        <source>Cover the window until you (or a supervisor) type the password again; the work in progress is kept (Ctrl+Alt+L)</source>
        <translation>遮盖窗口，直到您（或主管）再次输入密码；正在办理的业务保留（Ctrl+Alt+L）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="555"/>
        <source>&amp;Operators…</source>
        <translation>操作员管理(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="558"/>
        <source>Create operators, assign roles, disable them, reset passwords (administrators)</source>
        <translation>新建操作员、分配角色、停用、重置密码（管理员）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="563"/>
        <source>Waiting for review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="566"/>
        <source>Examined applications waiting for a supervisor&apos;s approval (Ctrl+1)</source>
        <translation>已初审、等待主管复核批准的申请（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="574"/>
        <source>Unsent</source>
        <translation>未上传</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="577"/>
        <source>Applications not yet sent to the central database (Ctrl+2)</source>
        <translation>尚未上传到中心数据库的申请（Ctrl+2）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="585"/>
        <source>Refused</source>
        <translation>中心退回</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="588"/>
        <source>Applications the central database refused, not yet marked as seen (Ctrl+3)</source>
        <translation>被中心数据库拒收、尚未标记为已阅的申请（Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="596"/>
        <source>Printed, unsigned</source>
        <translation>已打印未签字</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="599"/>
        <source>Forms printed but never signed (Ctrl+4)</source>
        <translation>登记表已打印但未签字（Ctrl+4）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="607"/>
        <source>Unfinished from earlier days</source>
        <translation>往日未办完</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="610"/>
        <source>Applications begun before today and not yet printed (Ctrl+5)</source>
        <translation>今天以前开始、尚未打印登记表的申请（Ctrl+5）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="618"/>
        <source>Returned</source>
        <translation>被退回</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="621"/>
        <source>Applications a supervisor returned to staff with a reason, to correct and examine again (Ctrl+6)</source>
        <translation>主管注明原因退回经办人、待更正后重新初审的申请（Ctrl+6）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="629"/>
        <source>Re&amp;view queue…</source>
        <translation>复核队列…(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.ui" line="632"/>
        <source>Approve examined applications or return them to staff with a reason (supervisors, F6)</source>
        <translation>批准已初审的申请，或注明原因退回经办人（主管，F6）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/main_window.py" line="166"/>
        <source>Operator: {name} ({user})  ·  Site: {site} ({code})</source>
        <translation>操作员：{name}（{user}）  ·  网点：{site}（{code}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/main_window.py" line="199"/>
        <source>{total} today  ·  {open} at the counter</source>
        <translation>今日共 {total} 笔  ·  办理中 {open} 笔</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/main_window.py" line="272"/>
        <source>This application is “{status}”: there is nothing more to do at the counter.</source>
        <translation>该申请当前状态为“{status}”，窗口无需再办理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/main_window.py" line="286"/>
        <source>The new language takes effect the next time Counter is started.</source>
        <translation>新的界面语言将在下次启动程序后生效。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/main_window.py" line="335"/>
        <source>{count} refused by the central database</source>
        <translation>中心数据库拒收 {count} 笔</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <location filename="../../ui/wizard_materials.ui" line="6"/>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_materials.ui" line="9"/>
        <source>Tick each material the applicant has handed in. Required materials are marked with *.</source>
        <translation>请勾选申请人已提交的材料，标 * 的为必交材料。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_materials.ui" line="18"/>
        <source>Materials received</source>
        <translation>已收材料</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_materials.ui" line="32"/>
        <source>Scan material… (Ctrl+S)</source>
        <translation>扫描材料…(Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_materials.ui" line="42"/>
        <source>Capture from document camera… (Ctrl+D)</source>
        <translation>高拍仪拍摄…(Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_materials.ui" line="52"/>
        <source>Select a material, then scan it: the scan is straightened and kept with the application.</source>
        <translation>先选中材料再扫描：扫描件将自动校正并随申请保存。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_materials.py" line="60"/>
        <source>  (scanned)</source>
        <translation>  （已扫描）</translation>
    </message>
</context>
<context>
    <name>NoticesTab</name>
    <message>
        <location filename="../../ui/card_centre_notices.ui" line="6"/>
        <source>&amp;Notices</source>
        <translation>领卡通知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_notices.ui" line="12"/>
        <source>Notices waiting to go out or given up after repeated failures. Failures are tried again by themselves, each time after a longer wait; Retry sends the chosen ones at once.</source>
        <translation>等待发送或多次发送失败后已停止的通知。发送失败的通知会自动重发，每次间隔逐渐延长；点“重发选中通知”可立即发送。</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_notices.ui" line="55"/>
        <source>Send &amp;automatically</source>
        <translation>自动发送(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_notices.ui" line="58"/>
        <source>Send due notices every minute while this window is open</source>
        <translation>本窗口打开期间，每分钟发送一次到期的通知</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_notices.ui" line="78"/>
        <source>Retr&amp;y the chosen</source>
        <translation>重发选中通知(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_notices.ui" line="88"/>
        <source>Send due notices no&amp;w</source>
        <translation>立即发送到期通知(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="45"/>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="45"/>
        <source>Handling point</source>
        <translation>经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="45"/>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="46"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="46"/>
        <source>Attempts</source>
        <translation>发送次数</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="46"/>
        <source>Next attempt</source>
        <translation>下次发送</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="47"/>
        <source>Last error</source>
        <translation>最近一次错误</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="74"/>
        <source>{waiting} waiting, {failed} given up</source>
        <translation>{waiting} 条待发送，{failed} 条已停止重发</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="95"/>
        <source>Notices: {sent} sent, {failed} to be tried again, {gave_up} given up.</source>
        <translation>通知：已发送 {sent} 条，待重发 {failed} 条，已停止重发 {gave_up} 条。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="122"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="122"/>
        <source>Letter</source>
        <translation>通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="125"/>
        <source>Waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="125"/>
        <source>Given up</source>
        <translation>已停止重发</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_notices.py" line="126"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>OperatorFormDialog</name>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="6"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="33"/>
        <source>New operator</source>
        <translation>新建操作员</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="48"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="65"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="82"/>
        <source>Initial &amp;password:</source>
        <translation>初始密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="99"/>
        <source>Password a&amp;gain:</source>
        <translation>再次输入密码(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="116"/>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="140"/>
        <source>&amp;Window staff (intake, photos, inquiry)</source>
        <translation>窗口受理员(&amp;W)（受理、照片、查询）</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="147"/>
        <source>P&amp;hoto station</source>
        <translation>照相点(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="154"/>
        <source>Supe&amp;rvisor (exceptions, reports, unlocking)</source>
        <translation>主管(&amp;R)（例外审批、报表、解锁）</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="161"/>
        <source>C&amp;ard centre (production, dispatch, notices)</source>
        <translation>制卡中心(&amp;A)（制卡、下发、通知）</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="168"/>
        <source>A&amp;dministrator (operators)</source>
        <translation>管理员(&amp;D)（操作员管理）</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="179"/>
        <source>The operator must change this password at the first login.</source>
        <translation>该操作员首次登录时必须修改此密码。</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="208"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/operator_form_dialog.ui" line="218"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="193"/>
        <source>Roles of {name}</source>
        <translation>{name}的角色</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="14"/>
        <location filename="../../ui/operators_dialog.ui" line="41"/>
        <source>Operators</source>
        <translation>操作员管理</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="48"/>
        <source>Administrators create operators, assign their roles, disable them and reset their passwords. Each change is recorded in the audit log.</source>
        <translation>管理员可新建操作员、分配角色、停用账号和重置密码。每项变更都记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="79"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="84"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="89"/>
        <source>Site</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="94"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="99"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="124"/>
        <source>&amp;New operator…</source>
        <translation>新建操作员(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="134"/>
        <source>&amp;Roles…</source>
        <translation>角色(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="144"/>
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="154"/>
        <location filename="../../counter_app/qt/operators_dialog.py" line="113"/>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/operators_dialog.ui" line="171"/>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="100"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="102"/>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="104"/>
        <source>Must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="105"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="112"/>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="130"/>
        <source>Reset the password of {name} ({user})? They must change the new one at the next login.</source>
        <translation>重置{name}（{user}）的密码吗？其下次登录时必须修改新密码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="143"/>
        <source>Disable {name} ({user})? They can no longer log in; their work stays.</source>
        <translation>停用{name}（{user}）吗？停用后不能再登录，其已办业务保留。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/password_dialog.ui" line="6"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.ui" line="33"/>
        <source>Change your password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.ui" line="40"/>
        <source>Your password was set by someone else: choose your own before you go on.</source>
        <translation>您的密码由他人设置：请先设置自己的密码再继续。</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.ui" line="58"/>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.ui" line="75"/>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.ui" line="92"/>
        <source>New password &amp;again:</source>
        <translation>再次输入新密码(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.ui" line="111"/>
        <source>At least 8 characters.</source>
        <translation>至少 8 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.ui" line="140"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialog.ui" line="150"/>
        <source>Change pass&amp;word</source>
        <translation>修改密码(&amp;W)</translation>
    </message>
</context>
<context>
    <name>PhotoCaptureDialog</name>
    <message>
        <location filename="../../ui/photo_capture.ui" line="6"/>
        <source>Take the applicant&apos;s photo</source>
        <translation>采集申请人照片</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="35"/>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="76"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="87"/>
        <source>Capture &amp;automatically when every check passes</source>
        <translation>全部检查通过后自动拍摄(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="110"/>
        <source>&amp;Capture now</source>
        <translation>立即拍摄(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="141"/>
        <source>The finished photo appears here after the capture.</source>
        <translation>拍摄后在此显示成品照片。</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="167"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="172"/>
        <source>Measured</source>
        <translation>测量值</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="177"/>
        <source>Limit</source>
        <translation>要求</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="185"/>
        <source>Reas&amp;on for accepting the photo although it fails a check:</source>
        <translation>照片未通过检查仍予采用的理由(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="207"/>
        <source>R&amp;etake</source>
        <translation>重拍(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="227"/>
        <source>&amp;Use this photo</source>
        <translation>使用此照片(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/photo_capture.ui" line="234"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/photo_capture.py" line="117"/>
        <source>Check the photo</source>
        <translation>检查照片</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/photo_capture.py" line="160"/>
        <source>Hold still…</source>
        <translation>请保持不动…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/photo_capture.py" line="186"/>
        <source>The photo meets the standard.</source>
        <translation>照片符合标准。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/photo_capture.py" line="189"/>
        <source>The photo fails a check.</source>
        <translation>照片未通过检查。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/photo_capture.py" line="198"/>
        <source>Please give the reason first.</source>
        <translation>请先填写理由。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/photo_capture.py" line="218"/>
        <source>No picture from the camera.</source>
        <translation>摄像头没有画面。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/photo_capture.py" line="240"/>
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/photo_capture.py" line="244"/>
        <source>Take the photo again; only a supervisor can accept a photo that fails a check.</source>
        <translation>请重新拍摄；未通过检查的照片只能由主管批准采用。</translation>
    </message>
</context>
<context>
    <name>PhotoPage</name>
    <message>
        <location filename="../../ui/wizard_photo.ui" line="6"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_photo.ui" line="9"/>
        <source>Take the applicant&apos;s photo, import a photo file, or scan the photo receipt the applicant brings. Every photo is checked against the card photo standard.</source>
        <translation>采集申请人照片、导入照片文件，或扫描申请人带来的照片回执。所有照片均按社会保障卡照片标准检测。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_photo.ui" line="20"/>
        <source>No photo yet</source>
        <translation>尚无照片</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_photo.ui" line="70"/>
        <source>&amp;Import photo file…</source>
        <translation>导入照片文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_photo.ui" line="94"/>
        <source>Photo &amp;receipt no. (F4):</source>
        <translation>照片回执编号(&amp;R)(F4)：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_photo.ui" line="107"/>
        <source>Scan the QR code on the slip, or type the number and press Enter</source>
        <translation>扫描回执上的二维码，或输入编号后按回车</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="49"/>
        <source>Import photo file (Ctrl+O)</source>
        <translation>导入照片文件（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="54"/>
        <source>No photo (under {age})</source>
        <translation>免照片（未满 {age} 周岁）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="80"/>
        <source>No photo: the applicant is under {age}.</source>
        <translation>免照片：申请人未满 {age} 周岁。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="94"/>
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="134"/>
        <source>Looking up the photo receipt…</source>
        <translation>正在查询照片回执…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="157"/>
        <source>The photo of receipt {number} ({issuer}) is attached.</source>
        <translation>已调取回执 {number}（{issuer}）的照片。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="201"/>
        <source>Photo imported.</source>
        <translation>照片已导入。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="223"/>
        <source>Photo receipt {number}
(the card centre will resolve it)</source>
        <translation>照片回执 {number}
（由制卡中心核实调取）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="39"/>
        <source>&amp;Capture…</source>
        <translation>拍摄(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="72"/>
        <location filename="../../counter_app/qt/page_photo.py" line="106"/>
        <location filename="../../counter_app/qt/page_photo.py" line="125"/>
        <location filename="../../counter_app/qt/page_photo.py" line="149"/>
        <source>Saving the photo…</source>
        <translation>正在保存照片…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="159"/>
        <source>Receipt {number} is recorded without its photo, so the card centre will resolve it. If the photo was taken just now, scan the receipt again in a few minutes to see it here.</source>
        <translation>回执 {number} 已登记，但暂无照片，将由制卡中心处理。如果照片是刚拍的，请几分钟后再扫描一次回执。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_photo.py" line="235"/>
        <source>The photo cannot be shown.</source>
        <translation>无法显示该照片。</translation>
    </message>
</context>
<context>
    <name>PrintPage</name>
    <message>
        <location filename="../../ui/wizard_print.ui" line="6"/>
        <source>Registration form</source>
        <translation>申请登记表</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_print.ui" line="9"/>
        <source>Print the registration form and hand it to the applicant to check and sign.</source>
        <translation>打印申请登记表，交申请人核对并签字。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_print.ui" line="33"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_print.py" line="42"/>
        <source>Preparing the registration form…</source>
        <translation>正在生成申请登记表…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_print.py" line="69"/>
        <source>Printed. Ask the applicant to check the form and sign it.</source>
        <translation>已打印。请申请人核对登记表并签字。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_print.py" line="80"/>
        <source>The form was printed before; you may print it again.</source>
        <translation>登记表此前已打印，如有需要可重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_print.py" line="81"/>
        <source>Check the form, then print it.</source>
        <translation>请核对登记表内容后打印。</translation>
    </message>
</context>
<context>
    <name>PromiseTab</name>
    <message>
        <location filename="../../ui/card_centre_promise.ui" line="6"/>
        <source>&amp;30-day promise</source>
        <translation>30 天制卡时限(&amp;3)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_promise.ui" line="14"/>
        <source>O&amp;verdue</source>
        <translation>已超期(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_promise.ui" line="24"/>
        <source>&amp;Due within 5 days</source>
        <translation>5 天内到期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_promise.ui" line="41"/>
        <source>All &amp;handling points</source>
        <translation>全部经办网点(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="37"/>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="40"/>
        <source>Handling point</source>
        <translation>经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="37"/>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="40"/>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="40"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="41"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="41"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="41"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="41"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="72"/>
        <source>{total} overdue on {date}</source>
        <translation>截至 {date} 已超期 {total} 件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_promise.py" line="73"/>
        <source>{total} due within {days} days of {date}</source>
        <translation>自 {date} 起 {days} 天内到期 {total} 件</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../counter_app/qt/queue_model.py" line="51"/>
        <source>Number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/queue_model.py" line="51"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/queue_model.py" line="51"/>
        <source>Business type</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/queue_model.py" line="52"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/queue_model.py" line="52"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>ReceiptStation</name>
    <message>
        <location filename="../../counter_app/qt/receipt_station.py" line="55"/>
        <source>Photo station: take the photo for a receipt</source>
        <translation>照相点：拍摄照片并出具回执</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/receipt_station.py" line="65"/>
        <source>Issuing the photo receipt…</source>
        <translation>正在出具照片回执…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/receipt_station.py" line="80"/>
        <source>Photo receipt {number} issued and printed.</source>
        <translation>照片回执 {number} 已出具并打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/receipt_station.py" line="83"/>
        <source>Photo receipt {number} issued; its slip was not printed.</source>
        <translation>照片回执 {number} 已出具，回执未打印。</translation>
    </message>
</context>
<context>
    <name>ReopenDayDialog</name>
    <message>
        <location filename="../../ui/reopen_day.ui" line="14"/>
        <source>Reopen a closed day</source>
        <translation>重新开放已日结的日期</translation>
    </message>
    <message>
        <location filename="../../ui/reopen_day.ui" line="22"/>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/reopen_day.ui" line="52"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/reopen_day.ui" line="65"/>
        <source>Why the day&apos;s records must change again (kept with the close)</source>
        <translation>为何需要再次更改当日记录（与日结记录一同保存）</translation>
    </message>
    <message>
        <location filename="../../ui/reopen_day.ui" line="93"/>
        <source>Re&amp;open…</source>
        <translation>重新开放(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/reopen_day.ui" line="103"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="434"/>
        <source>Closed at {at} by {name}.</source>
        <translation>已于 {at} 由 {name} 日结。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="436"/>
        <source>This day is not closed.</source>
        <translation>该日尚未日结。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/close_day.py" line="446"/>
        <source>Reopen {day}? Its records can be changed again until a supervisor closes it again.</source>
        <translation>确定重新开放 {day} 吗？在主管再次日结之前，当日记录可以再次更改。</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../counter_app/qt/password_dialog.py" line="89"/>
        <source>Reset the password of {name} ({user})</source>
        <translation>重置{name}（{user}）的密码</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/password_dialog.py" line="91"/>
        <source>{name} must change this password at the next login. A lockout ends with the reset.</source>
        <translation>{name}下次登录时必须修改此密码。重置后登录锁定随即解除。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/password_dialog.py" line="96"/>
        <source>&amp;Reset password</source>
        <translation>重置密码(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="6"/>
        <source>Factory &amp;results</source>
        <translation>制卡结果(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="12"/>
        <source>The card factory&apos;s result file (CSV or xlsx) has one line per card: application number, card number, bank, result (produced or failed) and the reason for a failed card. Every line is checked first; when any line has a problem, nothing is applied.</source>
        <translation>制卡厂回盘文件（CSV 或 xlsx）每行一张卡：申请编号、社会保障卡号、发卡银行、制卡结果（成功或失败）及失败原因。导入前逐行校验；只要有一行有问题，整个文件均不导入。</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="27"/>
        <source>Im&amp;port the result file…</source>
        <translation>导入回盘文件(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="77"/>
        <source>One card by hand</source>
        <translation>单张卡手工登记</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="83"/>
        <source>App&amp;lication no.:</source>
        <translation>申请编号(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="100"/>
        <source>C&amp;ard no.:</source>
        <translation>社会保障卡号(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="149"/>
        <source>&amp;Mark failed</source>
        <translation>登记制卡失败(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="113"/>
        <source>Ban&amp;k:</source>
        <translation>发卡银行(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="126"/>
        <source>Mark pro&amp;duced</source>
        <translation>登记制卡成功(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_results.ui" line="136"/>
        <source>R&amp;eason:</source>
        <translation>失败原因(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_results.py" line="35"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_results.py" line="35"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_results.py" line="50"/>
        <source>Checking {file}…</source>
        <translation>正在校验 {file}……</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_results.py" line="60"/>
        <source>Applied: {lines} lines, {produced} cards produced, {failed} failed.</source>
        <translation>已导入：共 {lines} 行，制卡成功 {produced} 张，失败 {failed} 张。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_results.py" line="65"/>
        <source>Nothing was applied: {bad} of {lines} lines have problems. Correct the file and import it again.</source>
        <translation>未导入任何数据：{lines} 行中有 {bad} 行有问题。请修改文件后重新导入。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_results.py" line="93"/>
        <source>{number} recorded.</source>
        <translation>{number} 已登记。</translation>
    </message>
</context>
<context>
    <name>ReviewQueueDialog</name>
    <message>
        <location filename="../../ui/review_queue.ui" line="14"/>
        <source>Review queue</source>
        <translation>复核队列</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="20"/>
        <source>A approves the selected application. To return it to staff, press the number of the reason (1–9), type a note if needed and press Enter. The next one is selected.</source>
        <translation>按 A 批准所选申请。要退回经办人，请按原因编号（1–9），需要时填写说明，再按回车。随后自动选中下一条。</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="34"/>
        <source>&amp;Waiting:</source>
        <translation>待复核(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="158"/>
        <source>Return to staff</source>
        <translation>退回经办人</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="164"/>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="177"/>
        <source>&amp;Note (optional):</source>
        <translation>说明（可不填）(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="223"/>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="226"/>
        <source>Approve the selected application: staff go on with the photo (A)</source>
        <translation>批准所选申请：经办人可继续采集照片（A）</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="236"/>
        <source>Return to &amp;staff</source>
        <translation>退回经办人(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="239"/>
        <source>Return the selected application with the reason and the note (Enter in the note)</source>
        <translation>按所选原因和说明退回所选申请（在说明中按回车）</translation>
    </message>
    <message>
        <location filename="../../ui/review_queue.ui" line="249"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/review_queue.py" line="100"/>
        <source>{count} waiting</source>
        <translation>{count} 条待复核</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/review_queue.py" line="101"/>
        <source>Nothing is waiting for a review.</source>
        <translation>没有待复核的申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/review_queue.py" line="154"/>
        <source>Examined by {name} at {time} (round {round})</source>
        <translation>由 {name} 于 {time} 初审（第 {round} 次）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/review_queue.py" line="157"/>
        <source>Returned before: {reason}</source>
        <translation>此前退回原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/review_queue.py" line="166"/>
        <source>Scanned materials: {count}</source>
        <translation>已扫描材料：{count} 份</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/review_queue.py" line="178"/>
        <source>No photo yet: it is taken after the approval.</source>
        <translation>尚无照片：批准后再采集。</translation>
    </message>
</context>
<context>
    <name>ReviewWaitPage</name>
    <message>
        <location filename="../../ui/wizard_review.ui" line="6"/>
        <source>Waiting for review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_review.ui" line="9"/>
        <source>At this site a supervisor approves each examination before the photo, the form and the signature.</source>
        <translation>本网点每笔初审须经主管复核批准，才能采集照片、打印登记表和签字。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_review.ui" line="28"/>
        <source>The application is in the list “Waiting for review” of the main window. Once it is approved, open it again to go on with the photo. Press Finish now.</source>
        <translation>该申请已列入主窗口的“待复核”。批准后再次打开即可继续采集照片。现在请按“完成”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_review.py" line="21"/>
        <source>Application {number} waits for a supervisor&apos;s review.</source>
        <translation>申请 {number} 正在等待主管复核。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_review.py" line="24"/>
        <source>Examined by {name} at {time}.</source>
        <translation>由 {name} 于 {time} 初审。</translation>
    </message>
</context>
<context>
    <name>ScanPreviewDialog</name>
    <message>
        <location filename="../../ui/scan_preview.ui" line="6"/>
        <source>Scanned material</source>
        <translation>材料扫描件</translation>
    </message>
    <message>
        <location filename="../../ui/scan_preview.ui" line="51"/>
        <source>&amp;Retake</source>
        <translation>重新扫描(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_preview.ui" line="58"/>
        <source>&amp;Accept</source>
        <translation>采用(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/scan_preview.py" line="33"/>
        <source>The scan is sharp and readable.</source>
        <translation>扫描清晰，可以使用。</translation>
    </message>
</context>
<context>
    <name>SelfCheckDialog</name>
    <message>
        <location filename="../../ui/self_check.ui" line="14"/>
        <source>Self-check</source>
        <translation>自检</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="20"/>
        <source>What this counter found about itself. A red item stops new applications until it is put right or a supervisor allows them for today; applications already begun can always be finished.</source>
        <translation>本窗口的自检结果。红色项目会暂停新申请，直到问题解决或主管准许今天继续受理；已开始的申请始终可以办完。</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="58"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="63"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="68"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="83"/>
        <source>Allow new applications for today (a supervisor)</source>
        <translation>准许今天继续受理新申请（主管）</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="89"/>
        <source>Only when the queue cannot wait: the supervisor&apos;s name and reason are recorded. The allowance ends at the end of the day, or as soon as a check finds the condition gone.</source>
        <translation>仅在排队群众无法等待时使用：将记录主管姓名和原因。准许在当天结束时失效，或在检查发现问题已解除时立即失效。</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="101"/>
        <source>Supervisor&apos;s &amp;user name:</source>
        <translation>主管用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="118"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="135"/>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="170"/>
        <source>&amp;Allow for today</source>
        <translation>今日准许(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="194"/>
        <source>Check a&amp;gain</source>
        <translation>重新检查(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="197"/>
        <source>Run every check again now (F5)</source>
        <translation>立即重新运行所有检查（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/self_check.ui" line="207"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="209"/>
        <source>A supervisor ({name}) allowed new applications for today.</source>
        <translation>主管（{name}）已准许今天继续受理新申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="227"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="229"/>
        <source>Needs attention</source>
        <translation>需注意</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="231"/>
        <source>Allowed for today</source>
        <translation>今日已准许</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="232"/>
        <source>Stops new applications</source>
        <translation>暂停新申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="236"/>
        <location filename="../../counter_app/qt/self_check.py" line="277"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="239"/>
        <source>Checked at {time}: new applications are stopped.</source>
        <translation>{time} 检查：已暂停新申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="242"/>
        <source>Checked at {time}: {count} need attention.</source>
        <translation>{time} 检查：{count} 项需注意。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="244"/>
        <source>Checked at {time}: all fine.</source>
        <translation>{time} 检查：一切正常。</translation>
    </message>
</context>
<context>
    <name>SelfCheckStrip</name>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="144"/>
        <source>Open the self-check: disk, clock, sync, devices, version (F12)</source>
        <translation>打开自检：磁盘、时钟、同步、设备、版本（F12）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="150"/>
        <source>Self-check…</source>
        <translation>自检…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="155"/>
        <source>Self-check: new applications stopped</source>
        <translation>自检：已暂停新申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="158"/>
        <source>Self-check: {count} need attention</source>
        <translation>自检：{count} 项需注意</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/self_check.py" line="160"/>
        <source>Self-check: all fine</source>
        <translation>自检：正常</translation>
    </message>
</context>
<context>
    <name>SignedCopyDialog</name>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="37"/>
        <source>Choose the scanned signed form</source>
        <translation>选择已签字表格的扫描件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="38"/>
        <source>Scans and photos (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.pdf);;All files (*)</source>
        <translation>扫描件和照片 (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="108"/>
        <source>Attach the signed form</source>
        <translation>附加签字表</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="128"/>
        <source>Reading the QR code on the page…</source>
        <translation>正在识别页面上的二维码…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="135"/>
        <source>This page was already attached to application {number}.</source>
        <translation>此页已附加到申请 {number}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="137"/>
        <source>The signed form was attached to application {number}.</source>
        <translation>签字表已附加到申请 {number}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="149"/>
        <source>Choose the scan or photo of the signed registration form of application {number}.</source>
        <translation>请选择申请 {number} 已签字登记表的扫描件或照片。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="151"/>
        <source>Choose the scan or photo of a signed registration form; its QR code tells which application it belongs to.</source>
        <translation>请选择已签字登记表的扫描件或照片；系统将根据二维码确定所属申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="156"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="157"/>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/signed_copy.py" line="164"/>
        <source>&amp;Attach</source>
        <translation>附加(&amp;A)</translation>
    </message>
</context>
<context>
    <name>SignedPage</name>
    <message>
        <location filename="../../ui/wizard_signed.ui" line="6"/>
        <source>Signature</source>
        <translation>签字确认</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_signed.ui" line="9"/>
        <source>The applicant checks the printed form and signs it. Finish sends the application to the card centre.</source>
        <translation>申请人核对打印的登记表并签字。点击“完成”后，申请将提交至制卡中心。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_signed.ui" line="28"/>
        <source>The applicant has &amp;checked the form and signed it</source>
        <translation>申请人已核对登记表并签字(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_signed.ui" line="35"/>
        <source>Print the pick-up &amp;voucher</source>
        <translation>打印取卡凭证(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_signed.ui" line="38"/>
        <source>After Finish, print the pick-up voucher for the applicant</source>
        <translation>点击“完成”后，为申请人打印取卡凭证</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_signed.ui" line="63"/>
        <location filename="../../counter_app/qt/page_signed.py" line="45"/>
        <source>Fee {amount} &amp;paid</source>
        <translation>已收费 {amount}(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard_signed.ui" line="70"/>
        <source>&amp;Method:</source>
        <translation>收费方式(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/page_signed.py" line="28"/>
        <source>Application {number}: when the applicant has checked every entry on the printed form and signed it, tick the box and press Finish.</source>
        <translation>申请 {number}：申请人逐项核对登记表并签字后，请勾选下方确认项，然后点击“完成”。</translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="6"/>
        <source>Stock (instant iss&amp;uance)</source>
        <translation>制卡库存(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="12"/>
        <source>Blank cards and card numbers of the handling points that make cards at the window: received from the card centre, issued, spoiled, and what should be left. Choose a handling point to see its blocks of card numbers and the numbers last used, and to top it up.</source>
        <translation>即时制卡网点的白卡和卡号：从卡管理中心收到的、已发卡的、已作废的，以及应有的库存。选择一个经办网点，可查看它的卡号段和最近使用的卡号，并为它补充。</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="73"/>
        <source>Blocks of card numbers</source>
        <translation>卡号段</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="111"/>
        <source>Card numbers last used</source>
        <translation>最近使用的卡号</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="153"/>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="134"/>
        <source>Top up the chosen handling point</source>
        <translation>为所选经办网点补充</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="159"/>
        <source>&amp;Blanks to add:</source>
        <translation>补充白卡(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="176"/>
        <source>Card nu&amp;mbers (optional):</source>
        <translation>卡号段（可不填）(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="189"/>
        <source>A block of card numbers written FIRST-LAST; leave empty to give blank cards only</source>
        <translation>卡号段写作“起始卡号-结束卡号”；只补充白卡时不填</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="196"/>
        <source>B&amp;ank:</source>
        <translation>发卡银行(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="209"/>
        <source>Top u&amp;p…</source>
        <translation>补充(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/card_centre_stock.ui" line="212"/>
        <source>Give the chosen handling point the blank cards and card numbers typed here</source>
        <translation>把这里填写的白卡和卡号发给所选经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="69"/>
        <source>Handling point</source>
        <translation>经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="69"/>
        <source>Instant issuance</source>
        <translation>即时制卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="69"/>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="70"/>
        <source>Issued</source>
        <translation>已发卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="70"/>
        <source>Spoiled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="70"/>
        <source>Left</source>
        <translation>应有库存</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="70"/>
        <source>Numbers left</source>
        <translation>剩余卡号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="73"/>
        <source>Card numbers</source>
        <translation>卡号段</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="73"/>
        <source>Size</source>
        <translation>卡号数</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="73"/>
        <source>Not reserved</source>
        <translation>未被柜台预留</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="74"/>
        <source>Given on</source>
        <translation>下发日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="74"/>
        <source>Bank</source>
        <translation>发卡银行</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="76"/>
        <source>Card no.</source>
        <translation>社会保障卡号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="76"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="76"/>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="77"/>
        <source>Used at</source>
        <translation>使用时间</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="77"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="101"/>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="101"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="106"/>
        <source>{count} blank cards are in a printer now</source>
        <translation>有 {count} 张白卡正在打印机内</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="133"/>
        <source>Top up {site}</source>
        <translation>为{site}补充</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="162"/>
        <source>Give {site} {blanks} blank cards?</source>
        <translation>给{site}下发 {blanks} 张白卡吗？</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="164"/>
        <source>Give {site} the card numbers {numbers} ({count} numbers)?</source>
        <translation>给{site}下发卡号段 {numbers}（共 {count} 个卡号）吗？</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="166"/>
        <source>Give {site} {blanks} blank cards and the card numbers {numbers} ({count} numbers)?</source>
        <translation>给{site}下发 {blanks} 张白卡和卡号段 {numbers}（共 {count} 个卡号）吗？</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="180"/>
        <source>{site} topped up.</source>
        <translation>已为{site}补充。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../counter_app/qt/sync_control.py" line="85"/>
        <source>Sending to the central database…</source>
        <translation>正在上传至中心数据库…</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_control.py" line="87"/>
        <source>Audit log flagged by the central database: tell the supervisor</source>
        <translation>中心数据库发现本柜台审计日志异常：请报告主管</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_control.py" line="89"/>
        <source>Waiting to be sent: {count}</source>
        <translation>待上传：{count} 笔</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_control.py" line="96"/>
        <source>Not sent since {time}: check the network</source>
        <translation>自 {time} 起未能上传，请检查网络</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_control.py" line="99"/>
        <source>Last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_control.py" line="93"/>
        <source>Sync failed: {error}</source>
        <translation>同步失败：{error}</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../ui/sync_problems.ui" line="14"/>
        <source>Sync problems</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="20"/>
        <source>The central database refused these operations; the rest of the queue was sent as usual. Check each reason, and tell the administrator when it points at this counter&apos;s settings. Marking an operation as seen only takes it out of the count in the status bar.</source>
        <translation>中心数据库拒收了以下操作，队列中的其他内容已照常上传。请逐条查看原因；如原因涉及本柜台的设置，请告知管理员。标记为已查看只是将其从状态栏的计数中移除。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="58"/>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="63"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="68"/>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="73"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="78"/>
        <source>Queued at</source>
        <translation>加入队列时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="91"/>
        <source>S&amp;how the ones already seen</source>
        <translation>显示已查看的(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="105"/>
        <source>&amp;Mark as seen</source>
        <translation>标记为已查看(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="108"/>
        <source>Take the selected operations out of the count in the status bar</source>
        <translation>将所选操作从状态栏的计数中移除</translation>
    </message>
    <message>
        <location filename="../../ui/sync_problems.ui" line="118"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_problems.py" line="82"/>
        <source>{count} refused operations not yet marked as seen.</source>
        <translation>有 {count} 项被拒收的操作尚未标记为已查看。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_problems.py" line="86"/>
        <source>No refused operation is waiting to be looked at.</source>
        <translation>没有待处理的被拒操作。</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <location filename="../../counter_app/qt/update_notice.py" line="20"/>
        <source>Counter {version} was installed at this start.</source>
        <translation>本次启动时已安装 Counter {version}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/update_notice.py" line="21"/>
        <source>The update to {version} failed its start-up check and was rolled back: {reason}</source>
        <translation>升级到 {version} 未通过启动自检，已回退：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/update_notice.py" line="24"/>
        <source>The update to {version} was refused: {reason}</source>
        <translation>升级到 {version} 被拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/update_notice.py" line="25"/>
        <source>Counter {version} is ready: it is installed at the next start.</source>
        <translation>Counter {version} 已就绪：将在下次启动时安装。</translation>
    </message>
</context>
<context>
    <name>WorkListDialog</name>
    <message>
        <location filename="../../ui/work_list.ui" line="14"/>
        <source>Open items</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="58"/>
        <source>Application no.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="63"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="68"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="73"/>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="78"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="114"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="117"/>
        <source>Open the selected application (Enter or double-click)</source>
        <translation>打开所选申请（回车或双击）</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="127"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="130"/>
        <source>List them again (F5)</source>
        <translation>重新列出（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/work_list.ui" line="140"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="100"/>
        <source>{count} in the list. Enter opens the selected one.</source>
        <translation>共 {count} 条。按回车打开所选的一条。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="103"/>
        <source>Nothing is open here.</source>
        <translation>这里没有待办事项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="128"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="130"/>
        <source>Note: {note}</source>
        <translation>说明：{note}</translation>
    </message>
</context>
<context>
    <name>_Cover</name>
    <message>
        <location filename="../../counter_app/qt/idle_lock.py" line="114"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>audit_flags</name>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="28"/>
        <source>Records missing</source>
        <translation>记录缺失</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="29"/>
        <source>Records changed</source>
        <translation>记录被改动</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_audit.py" line="30"/>
        <source>Chain rewritten</source>
        <translation>记录链被改写</translation>
    </message>
</context>
<context>
    <name>card_centre</name>
    <message>
        <location filename="../../counter_app/qt/card_centre_tab.py" line="265"/>
        <source>Handling point code: {code}</source>
        <translation>经办网点编码：{code}</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="41"/>
        <source>In the printer</source>
        <translation>制卡中（卡在打印机内）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="42"/>
        <source>Issued</source>
        <translation>已发卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_centre_stock.py" line="43"/>
        <source>Spoiled</source>
        <translation>已作废</translation>
    </message>
</context>
<context>
    <name>cards</name>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="14"/>
        <source>Temporary loss report</source>
        <translation>临时挂失</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="15"/>
        <source>Formal loss report</source>
        <translation>正式挂失</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="16"/>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="17"/>
        <source>Expired</source>
        <translation>有效期满</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="18"/>
        <source>Cancelled (moved away, abroad, death)</source>
        <translation>注销（迁出、出境定居、死亡）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="19"/>
        <source>Replaced by a new card</source>
        <translation>已补换新卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="22"/>
        <source>city</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="23"/>
        <source>province</source>
        <translation>省级</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="24"/>
        <source>national</source>
        <translation>国家级</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="27"/>
        <source>in force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="28"/>
        <source>released</source>
        <translation>已解除</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="29"/>
        <source>card cancelled</source>
        <translation>卡已注销</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="32"/>
        <source>the applicant</source>
        <translation>申请人本人</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_names.py" line="33"/>
        <source>a guardian</source>
        <translation>监护人</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../counter_app/cli/audit.py" line="16"/>
        <source>counters whose audit log did not hold centrally (exit 1 when any)</source>
        <translation>列出审计日志在中心未通过核验的柜台（有则退出码为 1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/audit.py" line="34"/>
        <source>devices flagged: {count}</source>
        <translation>审计异常设备：{count} 台</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/audit.py" line="36"/>
        <source>no device flagged</source>
        <translation>没有审计异常的设备</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/forms.py" line="22"/>
        <source>render a document from built-in sample data (rare characters included) to check printers and fonts</source>
        <translation>用内置样例数据（含生僻字）生成文书，用于检查打印机和字体</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/forms.py" line="27"/>
        <source>which document (default: the registration form)</source>
        <translation>生成哪种文书（默认：申请登记表）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/forms.py" line="29"/>
        <source>read the application number from a scanned or photographed form</source>
        <translation>从扫描或拍摄的登记表中读取申请编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/forms.py" line="32"/>
        <source>list the fonts forms are printed in</source>
        <translation>列出打印文书所用的字体</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/forms.py" line="51"/>
        <source>Sample {document} written to {file} (fonts: {fonts})</source>
        <translation>样例 {document} 已写入 {file}（字体：{fonts}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/forms.py" line="99"/>
        <source>primary</source>
        <translation>主字体</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/forms.py" line="100"/>
        <source>fallback</source>
        <translation>备用字体</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/lookups.py" line="13"/>
        <source>the counters&apos; cross-site look-ups (numbers as keyed hashes)</source>
        <translation>各柜台的跨网点查询记录（号码以密钥散列值显示）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/lookups.py" line="16"/>
        <source>only this handling point&apos;s</source>
        <translation>只看这一个经办网点的</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/lookups.py" line="18"/>
        <source>how far back (default 24)</source>
        <translation>查看最近多少小时（默认 24）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/lookups.py" line="19"/>
        <source>how many look-ups an hour each device of a site may make</source>
        <translation>设置某网点每台设备每小时可查询的次数</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/lookups.py" line="31"/>
        <source>site {site}: {count} look-ups an hour per device</source>
        <translation>网点 {site}：每台设备每小时可查询 {count} 次</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/lookups.py" line="42"/>
        <source>{count} look-ups, {refused} refused</source>
        <translation>共 {count} 次查询，{refused} 次被拒绝</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/lookups.py" line="54"/>
        <source>must be 0 or more</source>
        <translation>须为 0 或更大的数</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/signin.py" line="25"/>
        <source>Runs as an operator: {operator} and {password} for scripts, else asked on the terminal; exit {sign_in} when no operator can be signed in, {forbidden} when the operator&apos;s role does not allow it.</source>
        <translation>须以操作员身份运行：脚本使用 {operator} 和 {password}，否则在终端中询问；无法登录时退出码为 {sign_in}，操作员角色无权操作时为 {forbidden}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/signin.py" line="63"/>
        <source>Operator: </source>
        <translation>操作员：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/signin.py" line="67"/>
        <source>Password: </source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/signin.py" line="101"/>
        <source>New password: </source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/signin.py" line="102"/>
        <source>Again: </source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/words.py" line="25"/>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/words.py" line="26"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="39"/>
        <source>the card centre: production, dispatch, notices, the 30-day promise</source>
        <translation>卡管中心：制卡、下发、通知、30 天办结承诺</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="41"/>
        <source>The card centre&apos;s work, as an operator with the card centre role. {sign_in}</source>
        <translation>卡管中心业务，须以具有卡管中心角色的操作员身份运行。{sign_in}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="46"/>
        <source>apply the card factory&apos;s result file (exit 0 applied, 1 refused with a report per line, 2 unreadable file)</source>
        <translation>导入制卡厂回盘文件（退出码 0 已导入，1 被拒绝并逐行报告问题，2 文件无法读取）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="50"/>
        <source>CSV or xlsx</source>
        <translation>CSV 或 xlsx 文件</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="51"/>
        <source>waiting applications by handling point and age</source>
        <translation>按经办网点和等待天数统计待制卡的申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="53"/>
        <source>put waiting applications into a production batch</source>
        <translation>将待制卡的申请编入制卡批次</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="56"/>
        <source>only those received at least DAYS days ago</source>
        <translation>只选收件已满 DAYS 天的申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="59"/>
        <source>write the factory&apos;s result file to fill in (CSV)</source>
        <translation>生成供制卡厂填写的回盘文件（CSV）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="61"/>
        <source>mark one card produced or failed by hand</source>
        <translation>手工将一张卡标记为制卡成功或失败</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="64"/>
        <source>the application number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="66"/>
        <source>produced, with this card number</source>
        <translation>制卡成功，社会保障卡号为此号码</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="68"/>
        <source>could not be made, for this reason</source>
        <translation>制卡失败，原因为此说明</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="70"/>
        <source>the issuing bank (with --card)</source>
        <translation>发卡银行（与 --card 一起使用）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="72"/>
        <source>send produced cards to their handling points and queue the notices</source>
        <translation>将已制成的卡下发至所属经办网点，并生成领卡通知</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="74"/>
        <source>send the notices that are due, once</source>
        <translation>发送一次已到发送时间的通知</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="76"/>
        <source>SMS gateway URL (default: the settings&apos; notice_gateway_url, else a file in the data folder)</source>
        <translation>短信网关 URL（默认：设置中的 notice_gateway_url，未设置时写入数据文件夹中的文件）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="79"/>
        <source>the 30-day promise: overdue applications (or due soon) with counts per site</source>
        <translation>30 天办结承诺：已超期（或即将到期）的申请及各网点件数</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="81"/>
        <source>due within the next days instead of overdue</source>
        <translation>列出近日即将到期的申请，而非已超期的</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="87"/>
        <source>central database URL (default: this computer&apos;s enrolment)</source>
        <translation>中心数据库 URL（默认：本机注册时的设置）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="91"/>
        <source>one handling point only</source>
        <translation>只看这一个经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="135"/>
        <source>applied: {lines} lines, {produced} cards produced, {failed} failed</source>
        <translation>已导入：共 {lines} 行，制卡成功 {produced} 张，失败 {failed} 张</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="140"/>
        <source>line {line}: {problem}</source>
        <translation>第 {line} 行：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="143"/>
        <source>refused: {bad} of {lines} lines have problems; nothing was applied</source>
        <translation>已拒绝：{lines} 行中有 {bad} 行有问题，未导入任何数据</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="159"/>
        <source>site</source>
        <translation>网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="160"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="161"/>
        <source>{days} d</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="174"/>
        <source>nothing waits to be made</source>
        <translation>没有待制卡的申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="177"/>
        <source>batch {name}: {count} applications</source>
        <translation>批次 {name}：{count} 份申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="180"/>
        <source>left out: {application} ({status})</source>
        <translation>未编入：{application}（{status}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="185"/>
        <source>result file to fill in: {file}</source>
        <translation>待填写的回盘文件：{file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="195"/>
        <source>not in the central database</source>
        <translation>中心数据库中没有该申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="201"/>
        <source>{number}: produced, card {card}</source>
        <translation>{number}：制卡成功，卡号 {card}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="205"/>
        <source>{number}: production failed</source>
        <translation>{number}：制卡失败</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="212"/>
        <source>no produced cards wait to be sent</source>
        <translation>没有待下发的已制成卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="215"/>
        <source>{sent} cards sent to their handling points, {notices} notices queued</source>
        <translation>{sent} 张卡已下发经办网点，已生成 {notices} 条通知</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="219"/>
        <source>not sent: {application} ({status})</source>
        <translation>未下发：{application}（{status}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="232"/>
        <source>sent {sent}, to retry {failed}, given up {gave_up}, applicants notified {notified}</source>
        <translation>已发送 {sent} 条，待重试 {failed} 条，已放弃 {gave_up} 条，已通知申请人 {notified} 人</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="246"/>
        <source>{total} applications overdue on {date}</source>
        <translation>截至 {date} 已超期 {total} 份申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="247"/>
        <source>{days} days over</source>
        <translation>超期 {days} 天</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="249"/>
        <source>{total} applications due soon on {date}</source>
        <translation>截至 {date} 即将到期 {total} 份申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="250"/>
        <source>{days} days left</source>
        <translation>剩余 {days} 天</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/card_centre.py" line="255"/>
        <source>due {date}</source>
        <translation>应于 {date} 办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="24"/>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="25"/>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="33"/>
        <source>what is known about an ID number or card number: applications, card, invalid list (exit 0 found, 1 nothing found, 2 invalid number, 3 not signed in, 4 not allowed)</source>
        <translation>查询身份证号码或社会保障卡号的相关信息：申请、卡片、无效卡名单（退出码 0 查到，1 未查到，2 号码无效，3 未登录，4 无权操作）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="38"/>
        <source>resident ID number or card number</source>
        <translation>居民身份证号码或社会保障卡号</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="21"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="22"/>
        <source>warning</source>
        <translation>注意</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="23"/>
        <source>BLOCKING</source>
        <translation>阻断</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="24"/>
        <source>[{state}] {check}: {reason}</source>
        <translation>[{state}] {check}：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="25"/>
        <source>    allowed for today by the supervisor {name}</source>
        <translation>    主管 {name} 已准许今天继续受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="26"/>
        <source>New applications are stopped: {count} blocking; {attention} need attention in all.</source>
        <translation>已暂停新申请：{count} 项阻断；共 {attention} 项需注意。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="28"/>
        <source>{count} blocking, allowed for today by a supervisor; {attention} need attention in all.</source>
        <translation>{count} 项阻断，主管已准许今天继续受理；共 {attention} 项需注意。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="31"/>
        <source>{attention} need attention; nothing blocks.</source>
        <translation>{attention} 项需注意；无阻断项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="32"/>
        <source>All fine.</source>
        <translation>一切正常。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="36"/>
        <source>check this counter: disk space, clock, sync, printer, cameras, ID-card reader, version (exit 0 nothing blocks, 1 something blocks new applications)</source>
        <translation>检查本窗口：磁盘空间、时钟、同步、打印机、摄像头、身份证读卡器、版本（退出码 0 无阻断项，1 有阻断新申请的项）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="40"/>
        <source>the published version to compare with (default: not known, not compared)</source>
        <translation>用于比较的已发布版本（默认：未知，不比较）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/doctor.py" line="43"/>
        <location filename="../../counter_app/cli/inquiry.py" line="41"/>
        <location filename="../../counter_app/cli/main.py" line="65"/>
        <location filename="../../counter_app/cli/photo.py" line="36"/>
        <source>machine-readable output</source>
        <translation>输出机器可读格式（JSON）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="43"/>
        <source>answer from this counter&apos;s own data only</source>
        <translation>只查询本柜台自己的数据</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="45"/>
        <source>also write the printable result to FILE.pdf</source>
        <translation>同时将可打印的查询结果写入 FILE.pdf</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="48"/>
        <source>reports of this handling point (supervisors)</source>
        <translation>本经办网点的报表（主管）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="51"/>
        <source>the day&apos;s applications, collections and overdue cards, as a PDF with a chart</source>
        <translation>当日申请、领卡及超期卡片统计，生成带图表的 PDF</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="19"/>
        <source>close the day: its open items, the close, the report (supervisors)</source>
        <translation>日结：当日未办结事项、日结、日结报表（主管）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="23"/>
        <source>the day&apos;s open items and the reasons they may be explained with, or its close</source>
        <translation>当日未办结事项及可用的说明原因，或其日结情况</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="26"/>
        <source>close the day once every open item is explained</source>
        <translation>每项未办结事项都说明原因后进行日结</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="29"/>
        <source>explain one open item (its key from day status)</source>
        <translation>说明一项未办结事项（其键值见 day status）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="31"/>
        <source>explain every item not explained otherwise with this reason</source>
        <translation>其余未说明的事项都用此原因说明</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="33"/>
        <source>let a closed day&apos;s records change again (administrators)</source>
        <translation>允许已日结日期的记录再次更改（管理员）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="36"/>
        <source>the closed day&apos;s report (PDF)</source>
        <translation>已日结日期的报表（PDF）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="41"/>
        <location filename="../../counter_app/cli/inquiry.py" line="55"/>
        <source>the day (default: today)</source>
        <translation>统计日期（默认：今天）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="60"/>
        <source>{day}: closed by {operator} at {at}; {count} items explained</source>
        <translation>{day}：已由 {operator} 于 {at} 日结；已说明 {count} 项</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="66"/>
        <source>{day}: open, {count} open items</source>
        <translation>{day}：未日结，有 {count} 项未办结事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="70"/>
        <source>reasons:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="85"/>
        <source>{day}: closed; {count} items explained</source>
        <translation>{day}：已日结；已说明 {count} 项</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="102"/>
        <source>{day}: reopened</source>
        <translation>{day}：已重新开放</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/day.py" line="112"/>
        <source>report of {day} written to {file}</source>
        <translation>{day} 的报表已写入 {file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="57"/>
        <source>handling point (default: the operator&apos;s)</source>
        <translation>经办网点（默认：操作员所属网点）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="75"/>
        <location filename="../../counter_app/cli/main.py" line="240"/>
        <source>invalid: {reason}</source>
        <translation>无效：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="96"/>
        <source>end-of-day report of {site} for {day}: {applications} applications, {collected} cards collected, {overdue} overdue; written to {file}</source>
        <translation>{site} {day} 日终报表：申请 {applications} 份，已领卡 {collected} 张，超期 {overdue} 张；已写入 {file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="139"/>
        <source>note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="141"/>
        <source>nothing found</source>
        <translation>未查到任何记录</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="145"/>
        <source>card {card} ({bank}): {status}</source>
        <translation>卡号 {card}（{bank}）：{status}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="154"/>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="156"/>
        <source>card number</source>
        <translation>社会保障卡号</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="158"/>
        <source>central database</source>
        <translation>中心数据库</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="160"/>
        <source>this counter only</source>
        <translation>仅本柜台数据</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="161"/>
        <source>{kind} {number} ({source})</source>
        <translation>{kind} {number}（{source}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="168"/>
        <source>, due {date}</source>
        <translation>，应于 {date} 办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="170"/>
        <source>({promise})</source>
        <translation>（{promise}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="172"/>
        <source>[not yet at the central database]</source>
        <translation>[尚未上传中心数据库]</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="174"/>
        <source>application {number}: {business}, {status} at {site}, received {received}</source>
        <translation>申请 {number}：{business}，{site}，{status}，受理日期 {received}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="193"/>
        <source>invalid list: card {card} {kind} ({level} level): {state}, listed {listed} UTC</source>
        <translation>无效卡名单：卡号 {card}，{kind}（{level}级）：{state}，列入时间 {listed}（UTC）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="200"/>
        <source>, until {until} UTC</source>
        <translation>，截至 {until}（UTC）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/inquiry.py" line="209"/>
        <source>not a date (YYYY-MM-DD): {text}</source>
        <translation>不是有效日期（应为 YYYY-MM-DD）：{text}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="31"/>
        <source>Counter: social-security-card intake at the window.</source>
        <translation>社保卡受理：窗口受理社会保障卡业务。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="36"/>
        <source>start the window (the default)</source>
        <translation>打开程序窗口（默认）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="38"/>
        <source>quit once the first window is shown (start-up checks)</source>
        <translation>第一个窗口显示后即退出（用于启动检查）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="40"/>
        <source>save the first window as PNG and quit</source>
        <translation>将第一个窗口保存为 PNG 图片后退出</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="43"/>
        <source>seed a demo site and operator</source>
        <translation>建立演示网点和演示操作员</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="46"/>
        <source>also take N applications through to submitted</source>
        <translation>同时办理 N 份演示申请直至提交</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="48"/>
        <source>seed today&apos;s queue with N applications stopped at the counter&apos;s steps in turn (draft, examined, photo_ok, form_printed, signed, submitted), unless today&apos;s queue holds some already</source>
        <translation>在今天的队列中放入 N 份演示申请，依次停在柜台的各个步骤（draft、examined、photo_ok、form_printed、signed、submitted）；今天的队列已有申请时不再添加</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="53"/>
        <source>local database</source>
        <translation>本机数据库</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="55"/>
        <source>apply the schema migrations</source>
        <translation>执行数据库结构升级</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="58"/>
        <source>resident ID numbers</source>
        <translation>居民身份证号码</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="61"/>
        <source>check an ID number and show what it tells</source>
        <translation>校验身份证号码并显示其中的信息</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="67"/>
        <source>printed forms</source>
        <translation>打印文书</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="72"/>
        <source>spreadsheets of applicants from committees</source>
        <translation>村委会/社区报送的申请人表格</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="75"/>
        <source>check every row and print a report (exit 0 all good, 1 some rows bad, 2 unreadable file)</source>
        <translation>逐行核验并输出报告（退出码 0 全部无误，1 有行需更正，2 文件无法读取）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="79"/>
        <source>write the spreadsheet template for committees (xlsx with notes; CSV when FILE ends in .csv)</source>
        <translation>生成供村委会/社区填写的表格模板（带填写说明的 xlsx；FILE 以 .csv 结尾时生成 CSV）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="180"/>
        <source>Demo online pre-application number: {number}, found with the guardian&apos;s ID number {id_number} (F3)</source>
        <translation>演示用网上预申请编号：{number}，可凭监护人身份证号码 {id_number} 查到（F3）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="185"/>
        <source>Demo login: user {user}  password {password}</source>
        <translation>演示账号：用户名 {user}  密码 {password}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="191"/>
        <source>Operators exist already; the demo login is user {user}  password {password} (unless it was changed).</source>
        <translation>操作员已存在；演示账号为用户名 {user}  密码 {password}（如未修改）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="199"/>
        <source>{count} demo applications submitted.</source>
        <translation>已提交 {count} 份演示申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="201"/>
        <source>Data directory: {folder}</source>
        <translation>数据文件夹：{folder}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="210"/>
        <source>No demo queue: {reason}</source>
        <translation>未建立演示队列：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="213"/>
        <source>{count} {status}</source>
        <translation>{status} {count} 份</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="215"/>
        <source>Today&apos;s queue: {total} demo applications ({steps}).</source>
        <translation>今天的队列：{total} 份演示申请（{steps}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="218"/>
        <source>Today&apos;s queue holds applications already: no demo applications added.</source>
        <translation>今天的队列中已有申请，未添加演示申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="226"/>
        <source>Local database at revision {revision}: {file}</source>
        <translation>本机数据库已是版本 {revision}：{file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="248"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="249"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="250"/>
        <source>valid: born {birth_date}, sex {sex}, region {region}</source>
        <translation>有效：出生日期 {birth_date}，性别 {sex}，地区 {region}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="264"/>
        <source>template written: {file}</source>
        <translation>模板已写入：{file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="278"/>
        <source>{good} rows good, {bad} rows with {problems} problems</source>
        <translation>{good} 行无误，{bad} 行共有 {problems} 处问题</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="285"/>
        <source>row {row} ({applicant}): {column}: {problem}</source>
        <translation>第 {row} 行（{applicant}）：{column}：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/main.py" line="288"/>
        <source>row {row}: {column}: {problem}</source>
        <translation>第 {row} 行：{column}：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="34"/>
        <source>operators: list, add, disable, enable, reset-password, roles, passwd</source>
        <translation>操作员管理：list（列出）、add（新建）、disable（停用）、enable（启用）、reset-password（重置密码）、roles（角色）、passwd（修改本人密码）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="36"/>
        <source>Operator administration (administrators; passwd: anyone). {sign_in} New passwords: {new_password}, else typed twice on the terminal, else the first line of standard input; never an argument.</source>
        <translation>操作员管理（须为管理员；passwd 人人可用）。{sign_in} 新密码来自 {new_password}，未设置时在终端中输入两次，否则读取标准输入的第一行；绝不作为命令参数。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="42"/>
        <source>every operator with roles and state</source>
        <translation>列出所有操作员及其角色和状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="44"/>
        <source>a new operator, who changes the password at the first login (the first administrator when there is no operator yet)</source>
        <translation>新建操作员，首次登录时须修改密码（尚无操作员时新建第一位管理员）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="48"/>
        <source>the name shown on forms and screens</source>
        <translation>在文书和界面上显示的姓名</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="50"/>
        <source>comma-separated: {roles}</source>
        <translation>以逗号分隔：{roles}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="52"/>
        <source>the handling point (default: the administrator&apos;s)</source>
        <translation>所属经办网点（默认：管理员所属网点）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="54"/>
        <source>first administrator only: the name of a new handling point</source>
        <translation>仅用于第一位管理员：新经办网点的名称</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="57"/>
        <source>no login any more (not yourself, not the last administrator)</source>
        <translation>停用账号，不能再登录（不能停用自己，也不能停用最后一位管理员）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="59"/>
        <source>log in again (ends a lockout)</source>
        <translation>恢复登录（同时解除锁定）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="60"/>
        <source>a new password, to be changed at the next login (ends a lockout)</source>
        <translation>设置新密码，下次登录时须修改（同时解除锁定）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="63"/>
        <source>assign an operator&apos;s roles</source>
        <translation>设置操作员的角色</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="67"/>
        <source>change your own password (also when it must change)</source>
        <translation>修改本人密码（包括须修改密码时）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="75"/>
        <source>roles are: {roles}</source>
        <translation>角色只能是：{roles}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="78"/>
        <source>at least one of: {roles}</source>
        <translation>至少须有以下角色之一：{roles}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="120"/>
        <source>operator {user} added ({roles}); the password must be changed at the first login</source>
        <translation>已新建操作员 {user}（{roles}）；首次登录时须修改密码</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="130"/>
        <source>the first operator must have the administrator role</source>
        <translation>第一位操作员必须具有管理员角色</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="136"/>
        <source>no handling point yet: give --site CODE and --site-name NAME</source>
        <translation>尚无经办网点：请提供 --site 网点编码 和 --site-name 网点名称</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="144"/>
        <source>first administrator {user} added; the password must be changed at the first login (counter-app operator passwd)</source>
        <translation>已新建第一位管理员 {user}；首次登录时须修改密码（counter-app operator passwd）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="151"/>
        <source>Password for {user}: </source>
        <translation>{user} 的密码：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="172"/>
        <source>operator {user} enabled</source>
        <translation>操作员 {user} 已启用</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="173"/>
        <source>operator {user} disabled</source>
        <translation>操作员 {user} 已停用</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="184"/>
        <source>New password for {user}: </source>
        <translation>{user} 的新密码：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="185"/>
        <source>password of {user} reset; it must be changed at the next login</source>
        <translation>已重置 {user} 的密码；下次登录时须修改</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="195"/>
        <source>operator {user}: {roles}</source>
        <translation>操作员 {user}：{roles}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="203"/>
        <source>Current password: </source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/operators.py" line="209"/>
        <source>password of {user} changed</source>
        <translation>{user} 的密码已修改</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="29"/>
        <source>check and prepare card photos</source>
        <translation>检查并制作社会保障卡照片</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="32"/>
        <source>check an image against the photo standard</source>
        <translation>按照片标准检查图片</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="37"/>
        <source>crop, scale and encode an image as the card photo</source>
        <translation>将图片裁剪、缩放并编码为社会保障卡照片</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="41"/>
        <source>spec profile: {profiles} (default: the configured one, else {default})</source>
        <translation>照片规格：{profiles}（默认：设置中的规格，未设置时为 {default}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="66"/>
        <source>photo written to {file}</source>
        <translation>照片已写入 {file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="68"/>
        <source>no photo written: the capture fails the checks above</source>
        <translation>未写入照片：该照片未通过以上检查</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="76"/>
        <source>profile {name}</source>
        <translation>规格 {name}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="77"/>
        <source>not measured</source>
        <translation>未检测</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="83"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="86"/>
        <source>see above</source>
        <translation>见上文</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/photo.py" line="87"/>
        <source>failed: {hint}</source>
        <translation>未通过：{hint}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="19"/>
        <source>card records</source>
        <translation>卡片记录</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="20"/>
        <source>invalid list</source>
        <translation>无效卡名单</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="24"/>
        <source>set up and administer the central database</source>
        <translation>建立和管理中心数据库</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="27"/>
        <source>create or upgrade the schema, roles and policies</source>
        <translation>创建或升级数据库结构、角色和访问策略</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="29"/>
        <source>register a handling point</source>
        <translation>登记经办网点</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="34"/>
        <source>the kind of handling point (default: service_centre)</source>
        <translation>经办网点类型（默认：service_centre）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="35"/>
        <source>register a counter; prints its enrolment code once</source>
        <translation>登记柜台设备；其注册码只显示一次</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="39"/>
        <source>a new enrolment code for a device that has not enrolled yet</source>
        <translation>为尚未注册的设备生成新的注册码</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="43"/>
        <source>write the enrolment code to FILE (mode 0600) instead of printing</source>
        <translation>将注册码写入 FILE（权限 0600），而不显示在屏幕上</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="46"/>
        <source>the code expires after HOURS (default 24); single use</source>
        <translation>注册码 HOURS 小时后失效（默认 24），只能使用一次</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="48"/>
        <source>withdraw a counter&apos;s access at once</source>
        <translation>立即撤销柜台设备的访问权限</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="51"/>
        <source>drop the central database named in --url and the roles made for it</source>
        <translation>删除 --url 所指的中心数据库及为其创建的数据库角色</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="53"/>
        <source>do not ask (asked on a terminal; refused elsewhere without it)</source>
        <translation>不再询问确认（在终端中会询问；不在终端中运行且未加此项时拒绝执行）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="55"/>
        <source>let a handling point make cards at the window (instant issuance), or stop it</source>
        <translation>开启或关闭网点的窗口即时制卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="20"/>
        <source>write everything unsent into one file to carry by hand</source>
        <translation>把所有未发送的数据写入一个文件，供人工携带</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="22"/>
        <source>Everything this counter has not sent (applications, files, audit records) in one file, encrypted to the central database and signed by this counter. {sign_in}</source>
        <translation>本窗口所有未发送的数据（申请、文件、审计记录）写入一个文件，按中心数据库的密钥加密，并由本窗口签名。{sign_in}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="27"/>
        <source>the file to write (replaced if it exists)</source>
        <translation>要写入的文件（已存在则替换）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="28"/>
        <source>mark what the central database received from a carried file as sent</source>
        <translation>把中心数据库从携带文件中收到的数据标记为已发送</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="32"/>
        <source>apply a counter&apos;s carried file and write its receipt</source>
        <translation>导入窗口携带来的文件并写出回执</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="36"/>
        <source>the central carry key (from central carry-key)</source>
        <translation>中心携带密钥（由 central carry-key 生成）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="38"/>
        <source>where to write the receipt (default: FILE.receipt)</source>
        <translation>回执写到哪里（默认：FILE.receipt）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="39"/>
        <source>refuse a file of any other handling point</source>
        <translation>拒收其他经办网点的文件</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="41"/>
        <source>make the key carried files are encrypted to; publish its public half</source>
        <translation>生成携带文件所用的加密密钥，并发布其公钥</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="44"/>
        <source>write the private key here (mode 0600; never on a counter)</source>
        <translation>私钥写到此处（权限 0600；切勿放在窗口电脑上）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="45"/>
        <location filename="../../counter_app/cli/sync.py" line="59"/>
        <location filename="../../counter_app/cli/updates.py" line="278"/>
        <source>administrator&apos;s URL of the central PostgreSQL</source>
        <translation>中心 PostgreSQL 数据库的管理员 URL</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="56"/>
        <source>{file}: {applications} applications, {operations} operations, {files} files, {audit} audit records ({megabytes} MB)</source>
        <translation>{file}：{applications} 笔申请，{operations} 项操作，{files} 个文件，{audit} 条审计记录（{megabytes} MB）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="71"/>
        <source>marked as sent: {marked}; refused by the central database: {rejected}; still to send: {waiting}</source>
        <translation>已标记为已发送：{marked}；被中心数据库拒收：{rejected}；仍待发送：{waiting}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="85"/>
        <source>{file} exists: a key is never written over another</source>
        <translation>{file} 已存在：密钥不会覆盖另一个密钥</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="88"/>
        <source>carry key {key} published; private key in {file}</source>
        <translation>携带密钥 {key} 已发布；私钥在 {file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="94"/>
        <source>{operations} operations: {applied} applied, {duplicates} already there, {rejected} refused, {waiting} left for a later sync; {audit} audit records</source>
        <translation>{operations} 项操作：已导入 {applied}，已存在 {duplicates}，拒收 {rejected}，留待以后同步 {waiting}；审计记录 {audit} 条</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/carry.py" line="100"/>
        <source>receipt: {file}</source>
        <translation>回执：{file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="68"/>
        <source>connect this counter with its enrolment code</source>
        <translation>用注册码将本柜台接入中心数据库</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="70"/>
        <source>the enrolment code, or @FILE to read it from a file</source>
        <translation>注册码，或用 @FILE 从文件中读取</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="73"/>
        <source>exchange data with the central database</source>
        <translation>与中心数据库交换数据</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="76"/>
        <source>send everything queued and pull, once</source>
        <translation>发送队列中的全部数据并接收更新，执行一次</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="79"/>
        <source>what waits to be sent, and the last sync</source>
        <translation>显示待发送的数据和最近一次同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="89"/>
        <source>one of: {kinds}</source>
        <translation>只能是以下之一：{kinds}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="96"/>
        <source>central database URL (default: this counter&apos;s enrolment, else the configured one)</source>
        <translation>中心数据库 URL（默认：本柜台注册时的设置，否则为设置文件中的地址）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="120"/>
        <source>site {site}: instant issuance on</source>
        <translation>网点 {site}：即时制卡已开启</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="122"/>
        <source>site {site}: instant issuance off</source>
        <translation>网点 {site}：即时制卡已关闭</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="126"/>
        <source>central database at revision {revision}</source>
        <translation>中心数据库已是版本 {revision}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="130"/>
        <source>site {site} ({kind}): {id}</source>
        <translation>网点 {site}（{kind}）：{id}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="136"/>
        <source>device {device} for site {site}</source>
        <translation>设备 {device}（网点 {site}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="144"/>
        <source>device {device} revoked</source>
        <translation>设备 {device} 的访问权限已撤销</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="154"/>
        <source>central database {database}: {count} roles named {prefix}_*</source>
        <translation>中心数据库 {database}：{count} 个名为 {prefix}_* 的数据库角色</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="159"/>
        <source>not dropped: confirm with --yes (no terminal to ask on)</source>
        <translation>未删除：请加 --yes 确认（没有可询问的终端）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="164"/>
        <source>Drop {database} and its roles for good? Type its name to confirm: </source>
        <translation>确定永久删除 {database} 及其数据库角色吗？请输入数据库名称确认：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="170"/>
        <source>not dropped</source>
        <translation>未删除</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="173"/>
        <source>database {database} dropped, and {count} roles</source>
        <translation>已删除数据库 {database} 及 {count} 个数据库角色</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="176"/>
        <source>kept {count} roles another database still uses: {roles}</source>
        <translation>保留了其他数据库仍在使用的 {count} 个角色：{roles}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="184"/>
        <source>the code enrols once, until {time} UTC</source>
        <translation>该注册码只能注册一次，有效期至 {time}（UTC）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="188"/>
        <source>enrolment code written to {file}; on the counter run: counter-app enrol @{file}</source>
        <translation>注册码已写入 {file}；请在柜台上运行：counter-app enrol @{file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="191"/>
        <source>enrolment code (shown once; on the counter run: counter-app enrol CODE):</source>
        <translation>注册码（只显示一次；请在柜台上运行：counter-app enrol 注册码）：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="204"/>
        <source>enrolled as device {device} of site {site}</source>
        <translation>已注册为网点 {site} 的设备 {device}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="223"/>
        <source>not an enrolment code file</source>
        <translation>不是注册码文件</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="235"/>
        <source>sent {sent}, files {files}, already there {duplicates}, rejected {rejected}, pending {pending}</source>
        <translation>已发送 {sent} 条，文件 {files} 个，中心已有 {duplicates} 条，被拒绝 {rejected} 条，待发送 {pending} 条</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="239"/>
        <source>pulled: {feeds}</source>
        <translation>已接收：{feeds}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="240"/>
        <source>{feed} {count}</source>
        <translation>{feed} {count} 条</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="245"/>
        <source>rejected #{seq} {kind}: {reason}</source>
        <translation>被拒绝 #{seq} {kind}：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="253"/>
        <source>pending {pending}, rejected {rejected}, last success {when} (UTC)</source>
        <translation>待发送 {pending} 条，被拒绝 {rejected} 条，最近一次成功同步 {when}（UTC）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="257"/>
        <source>pending {pending}, rejected {rejected}, never synced</source>
        <translation>待发送 {pending} 条，被拒绝 {rejected} 条，从未同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="261"/>
        <source>last error: {error}</source>
        <translation>最近一次错误：{error}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/sync.py" line="264"/>
        <source>audit log flagged by the central database ({count}): tell the supervisor</source>
        <translation>中心数据库发现本柜台审计日志异常（{count} 次）：请报告主管</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="54"/>
        <source>Last update: version {version} installed at {time} UTC.</source>
        <translation>最近一次更新：版本 {version} 已于 {time}（UTC）安装。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="56"/>
        <source>Last update: version {version} rolled back at {time} UTC: {reason}</source>
        <translation>最近一次更新：版本 {version} 已于 {time}（UTC）回退：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="58"/>
        <source>Last update: version {version} refused at {time} UTC: {reason}</source>
        <translation>最近一次更新：版本 {version} 已于 {time}（UTC）被拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="60"/>
        <source>Last update: version {version} staged at {time} UTC.</source>
        <translation>最近一次更新：版本 {version} 已于 {time}（UTC）准备就绪。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="61"/>
        <source>Last update: version {version} withdrawn centrally at {time} UTC.</source>
        <translation>最近一次更新：版本 {version} 已于 {time}（UTC）被中心撤回。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="63"/>
        <source>Last update: version {version} handed to the system&apos;s update service at {time} UTC.</source>
        <translation>最近一次更新：版本 {version} 已于 {time}（UTC）交给系统更新服务。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="69"/>
        <source>System&apos;s update service: version {version} installed at {time} UTC.</source>
        <translation>系统更新服务：版本 {version} 已于 {time}（UTC）安装。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="71"/>
        <source>System&apos;s update service: version {version} rolled back at {time} UTC: {reason}</source>
        <translation>系统更新服务：版本 {version} 已于 {time}（UTC）回退：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="73"/>
        <source>System&apos;s update service: version {version} refused at {time} UTC: {reason}</source>
        <translation>系统更新服务：版本 {version} 已于 {time}（UTC）被拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="79"/>
        <source>program updates: check, apply</source>
        <translation>程序更新：检查、应用</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="82"/>
        <source>the installed version, the published one, and what waits for the next start</source>
        <translation>已安装版本、已发布版本，以及等待下次启动安装的更新</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="84"/>
        <source>do not ask the central database; say what the last sync saw</source>
        <translation>不询问中心数据库；显示上次同步时看到的情况</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="88"/>
        <source>verify an update package and install it at the next start (exit 2 when it does not verify)</source>
        <translation>校验更新包并在下次启动时安装（校验不通过时退出码为 2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="91"/>
        <source>the update package (.zip)</source>
        <translation>更新包（.zip）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="93"/>
        <source>check that this version starts (run by the previous version while it installs this one)</source>
        <translation>检查本版本能否启动（由上一版本在安装本版本时运行）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="96"/>
        <source>as root: install the update a counter handed to the system, verified again (run by the service counter-app-update)</source>
        <translation>以 root 身份：安装柜台交给系统的更新，并重新校验（由服务 counter-app-update 运行）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="99"/>
        <source>the folder counters hand updates to (default {folder})</source>
        <translation>柜台交付更新的文件夹（默认 {folder}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="102"/>
        <source>the program folder to replace (default: this program&apos;s own)</source>
        <translation>要替换的程序文件夹（默认：本程序自身所在的文件夹）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="125"/>
        <source>Version {version} verified ({files} files) and staged: it is installed at the next start.</source>
        <translation>版本 {version} 已通过校验（{files} 个文件）并准备就绪：将在下次启动时安装。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="129"/>
        <source>This Counter does not run from an installed program folder (setting program_dir): the update stays staged until it does.</source>
        <translation>本程序并非从已安装的程序文件夹运行（设置项 program_dir）：更新将保持就绪，直到从程序文件夹运行为止。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="144"/>
        <source>The central database was not asked: {reason}</source>
        <translation>未能询问中心数据库：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="147"/>
        <source>Installed version: {version}</source>
        <translation>已安装版本：{version}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="149"/>
        <source>Published version: not known yet (no sync has asked)</source>
        <translation>已发布版本：尚不清楚（尚未通过同步查询）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="152"/>
        <source>Published version: {version} (as of {time} UTC)</source>
        <translation>已发布版本：{version}（截至 {time}，UTC）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="155"/>
        <source>Published version: none for this computer (as of {time} UTC)</source>
        <translation>已发布版本：没有适用于本机的版本（截至 {time}，UTC）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="158"/>
        <source>Staged: version {version}, installed at the next start</source>
        <translation>已就绪：版本 {version}，将在下次启动时安装</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="161"/>
        <source>Staged: nothing</source>
        <translation>已就绪：无</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="163"/>
        <source>Downloading version {version}: {done} of {total} MB</source>
        <translation>正在下载版本 {version}：{done} / {total} MB</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="196"/>
        <source>update install-system replaces the program folder: it runs as root (the service counter-app-update runs it).</source>
        <translation>update install-system 会替换程序文件夹：须以 root 身份运行（由服务 counter-app-update 运行）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="202"/>
        <source>No installed program folder to update: give --program-dir.</source>
        <translation>没有可更新的已安装程序文件夹：请用 --program-dir 指定。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="210"/>
        <source>Version {version} installed.</source>
        <translation>版本 {version} 已安装。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="213"/>
        <source>Nothing to install.</source>
        <translation>没有需要安装的内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="226"/>
        <source>{module} does not load ({error})</source>
        <translation>{module} 无法加载（{error}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="232"/>
        <source>{file} is missing</source>
        <translation>缺少 {file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="234"/>
        <source>self-test: {problem}</source>
        <translation>自检：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="237"/>
        <source>self-test passed</source>
        <translation>自检通过</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="264"/>
        <source>publish a signed update package for the counters</source>
        <translation>为各柜台发布已签名的更新包</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="268"/>
        <source>sign with this Ed25519 private key (passphrase from {env} or asked); without it, the package&apos;s own signature</source>
        <translation>用此 Ed25519 私钥签名（口令取自 {env}，否则询问）；不指定时使用更新包自带的签名</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="271"/>
        <source>withdraw a published update (counters that have not installed it drop it)</source>
        <translation>撤回已发布的更新（尚未安装的柜台将放弃它）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="274"/>
        <source>only this platform&apos;s package (e.g. linux-x86_64)</source>
        <translation>仅此平台的更新包（如 linux-x86_64）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="276"/>
        <source>the published updates, withdrawn ones too</source>
        <translation>已发布的更新，包括已撤回的</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="294"/>
        <source>version {version} for {platform} published ({files} files, {megabytes} MB, key {key}): release {id}</source>
        <translation>{platform} 的版本 {version} 已发布（{files} 个文件，{megabytes} MB，密钥 {key}）：发布编号 {id}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="302"/>
        <source>version {version} withdrawn ({count} packages)</source>
        <translation>版本 {version} 已撤回（{count} 个更新包）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="313"/>
        <source>{count} releases, {in_force} in force</source>
        <translation>共 {count} 个发布，{in_force} 个生效中</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/updates.py" line="330"/>
        <source>Passphrase of {file}: </source>
        <translation>{file} 的口令：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="31"/>
        <source>in the printer</source>
        <translation>制卡中（卡在打印机内）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="32"/>
        <source>issued</source>
        <translation>已发卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="33"/>
        <source>spoiled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="37"/>
        <source>cards made at the window (instant issuance)</source>
        <translation>窗口即时制卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="39"/>
        <source>Cards made at the window at a handling point the card centre lets issue instantly. {sign_in}</source>
        <translation>在卡管中心允许即时制卡的网点于窗口制卡。{sign_in}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="43"/>
        <source>make an application&apos;s card now: number, chip, face (exit 0 handed over, 1 blank spoiled: run again for the next number, 5 encoder not usable: run again with --same-blank)</source>
        <translation>立即为申请制卡：取卡号、写芯片、打印卡面（退出码 0 已发卡；1 白卡作废，再次运行用下一个卡号；5 写卡器不可用，用 --same-blank 再次运行）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="49"/>
        <source>write the card face to FILE (PDF) instead of a printer</source>
        <translation>将卡面写入 FILE（PDF），不送打印机</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="51"/>
        <source>the chip encoder: simulated (the default here), simulated:fail=N, pcsc or pcsc:READER</source>
        <translation>写卡器：simulated（此处默认）、simulated:fail=N、pcsc 或 pcsc:读卡器名</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="54"/>
        <source>try the card in production again with the same blank (after the encoder could not be used)</source>
        <translation>用同一张白卡重试制卡中的卡（写卡器曾不可用时）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="57"/>
        <source>blank cards, card numbers left and numbers used here</source>
        <translation>白卡库存、剩余卡号及本柜台已用卡号</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="60"/>
        <source>list at most N used numbers (default 50)</source>
        <translation>最多列出 N 个已用卡号（默认 50）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="84"/>
        <source>{number}: card {card} made and handed over ({status}), attempt {attempt}</source>
        <translation>{number}：卡 {card} 已制成并交付（{status}），第 {attempt} 次制卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="88"/>
        <source>card face: {file}</source>
        <translation>卡面：{file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="92"/>
        <source>{number}: card {card} not made, nothing written: {reason}; run again with --same-blank</source>
        <translation>{number}：卡 {card} 未制成，未写入任何内容：{reason}；请用 --same-blank 再次运行</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="97"/>
        <source>{number}: card {card} failed, the blank is spoiled and its number on the invalid list: {reason}; run again to make it with the next number</source>
        <translation>{number}：卡 {card} 制卡失败，该白卡已作废，卡号已列入挂失/失效名单：{reason}；再次运行将用下一个卡号重新制卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="137"/>
        <source>this handling point does not make cards at the window (as of the last sync)</source>
        <translation>本网点不在窗口即时制卡（以最近一次同步为准）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="140"/>
        <source>blank cards: not known yet (sync first)</source>
        <translation>白卡库存：尚不知道（请先同步）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="142"/>
        <source>blank cards at this handling point: received {received}, issued {issued}, spoiled {spoiled}, in the printer {pending}, expected in stock {expected}</source>
        <translation>本网点白卡：已收 {received} 张，已发卡 {issued} 张，作废 {spoiled} 张，制卡中 {pending} 张，应有库存 {expected} 张</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="149"/>
        <source>counted centrally at {time} UTC; numbers taken here since, not yet sent: {unsent}</source>
        <translation>中心统计时间 {time}（UTC）；此后本柜台已用、尚未上传的卡号：{unsent} 个</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="153"/>
        <source>card numbers left on this counter: {left}</source>
        <translation>本柜台剩余卡号：{left} 个</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="156"/>
        <source>used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="158"/>
        <source>next {next}, {left} left</source>
        <translation>下一个 {next}，剩余 {left} 个</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="161"/>
        <source>card numbers used here:</source>
        <translation>本柜台已用卡号：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="177"/>
        <source>instant issuance: every site&apos;s blank cards, card number blocks and used numbers</source>
        <translation>即时制卡：各网点白卡库存、卡号段及已用卡号</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="181"/>
        <source>list the N numbers used last (default 20; 0: none)</source>
        <translation>列出最近使用的 N 个卡号（默认 20；0 为不列出）</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="182"/>
        <source>give a handling point blank cards and a block of card numbers</source>
        <translation>为网点配送白卡并分配卡号段</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="186"/>
        <source>blank cards delivered</source>
        <translation>配送的白卡张数</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="188"/>
        <source>a block of card numbers, e.g. A00000001-A00000500</source>
        <translation>卡号段，例如 A00000001-A00000500</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="189"/>
        <source>the bank of the block&apos;s cards</source>
        <translation>该卡号段所属的发卡银行</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="197"/>
        <source>no handling point makes cards at the window</source>
        <translation>没有网点在窗口即时制卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="199"/>
        <source>instant issuance on</source>
        <translation>即时制卡已开启</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="200"/>
        <source>instant issuance off</source>
        <translation>即时制卡已关闭</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="202"/>
        <source>blank cards: received {received}, issued {issued}, spoiled {spoiled}, in the printer {pending}, expected in stock {expected}</source>
        <translation>白卡：已收 {received} 张，已发卡 {issued} 张，作废 {spoiled} 张，制卡中 {pending} 张，应有库存 {expected} 张</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="207"/>
        <source>card numbers not yet reserved by a counter: {free}</source>
        <translation>尚未被柜台预留的卡号：{free} 个</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="210"/>
        <source>{free} of {size} not reserved</source>
        <translation>共 {size} 个，未预留 {free} 个</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="216"/>
        <source>card numbers used:</source>
        <translation>已用卡号：</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="231"/>
        <source>{site}: {blanks} blank cards delivered</source>
        <translation>{site}：已配送白卡 {blanks} 张</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/cards.py" line="234"/>
        <source>{site}: card numbers {numbers} given</source>
        <translation>{site}：已分配卡号段 {numbers}</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="13"/>
        <location filename="../../counter_app/qt/dialogs.py" line="17"/>
        <location filename="../../counter_app/qt/dialogs.py" line="24"/>
        <location filename="../../counter_app/qt/i18n.py" line="102"/>
        <source>Counter</source>
        <translation>社保卡受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="32"/>
        <source>Import photo file</source>
        <translation>导入照片文件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="33"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="39"/>
        <source>Import a scanned material</source>
        <translation>导入材料扫描件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="41"/>
        <source>Scans and photos (*.jpg *.jpeg *.png *.tif *.tiff *.bmp);;All files (*)</source>
        <translation>扫描件和照片 (*.jpg *.jpeg *.png *.tif *.tiff *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="55"/>
        <source>Open a spreadsheet of applicants</source>
        <translation>打开申请人表格</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="57"/>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="64"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="66"/>
        <source>Save the spreadsheet template</source>
        <translation>保存表格模板</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="79"/>
        <source>Hand over to the bank</source>
        <translation>移交银行</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="80"/>
        <source>Bank outlet:</source>
        <translation>银行网点：</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="84"/>
        <source>Save the handover file</source>
        <translation>保存移交文件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="123"/>
        <source>Export unsent to carry</source>
        <translation>导出待发数据以便携带</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="125"/>
        <source>Carried outbox (*.carry)</source>
        <translation>携带的待发数据 (*.carry)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="131"/>
        <source>Import a receipt</source>
        <translation>导入回执</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="132"/>
        <source>Receipts (*.receipt);;All files (*)</source>
        <translation>回执 (*.receipt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="68"/>
        <location filename="../../counter_app/qt/dialogs.py" line="86"/>
        <location filename="../../counter_app/qt/dialogs.py" line="116"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="96"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="103"/>
        <source>Import the card factory&apos;s result file</source>
        <translation>导入制卡厂回盘文件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="105"/>
        <source>Result files (*.csv *.xlsx);;All files (*)</source>
        <translation>回盘文件 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/dialogs.py" line="113"/>
        <source>Save the batch&apos;s result file for the card factory</source>
        <translation>保存本批次的制卡回盘模板（交制卡厂填写）</translation>
    </message>
</context>
<context>
    <name>inquiry</name>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="37"/>
        <source>Temporary loss report</source>
        <translation>临时挂失</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="38"/>
        <source>Formal loss report</source>
        <translation>正式挂失</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="39"/>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="40"/>
        <source>Expired</source>
        <translation>有效期满</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="41"/>
        <source>Cancelled</source>
        <translation>注销</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="42"/>
        <source>Replaced</source>
        <translation>已补换</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="45"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="46"/>
        <source>Province</source>
        <translation>省级</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="47"/>
        <source>National</source>
        <translation>国家级</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="50"/>
        <source>In force (card not usable)</source>
        <translation>在册（卡片不可用）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="51"/>
        <source>Released</source>
        <translation>已解除</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="52"/>
        <source>Card cancelled</source>
        <translation>卡片已注销</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="55"/>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/inquiry.py" line="56"/>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../counter_app/qt/i18n.py" line="34"/>
        <source>Something went wrong; the details were written to the log.</source>
        <translation>操作未能完成，详细信息已记录到日志。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/login.py" line="24"/>
        <location filename="../../counter_app/services/auth.py" line="33"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="33"/>
        <source>The printer cannot be used. Check that it is switched on and connected, then print again.</source>
        <translation>打印机无法使用。请检查打印机是否已开机并连接，然后重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="36"/>
        <source>The printer reports a problem: it may be offline, out of paper or jammed. Fix it, then print again.</source>
        <translation>打印机报告故障：可能已脱机、缺纸或卡纸。排除后请重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="39"/>
        <source>The form cannot be opened for printing.</source>
        <translation>无法打开登记表进行打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="20"/>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="21"/>
        <source>Your role does not allow this.</source>
        <translation>您的角色无权进行此操作。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="22"/>
        <source>The password needs at least 8 characters.</source>
        <translation>密码至少需要8位。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="23"/>
        <source>This user name is taken.</source>
        <translation>该用户名已被使用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="24"/>
        <source>Please fill in this field.</source>
        <translation>请填写此项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="25"/>
        <source>Too many wrong passwords: this account is locked until {until}. Try again then, or ask an administrator to reset the password.</source>
        <translation>密码错误次数过多：此账号已锁定至 {until}。请届时再试，或请管理员重置密码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="28"/>
        <source>Only the operator logged in here, or a supervisor or administrator of this site, can unlock this window.</source>
        <translation>只有在此登录的操作员，或本网点的主管、管理员，才能解锁此窗口。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="31"/>
        <source>Choose at least one role.</source>
        <translation>请至少选择一个角色。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/auth.py" line="32"/>
        <source>There is no such handling point on this counter.</source>
        <translation>本柜台没有这个网点。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="54"/>
        <source>Scan the pick-up voucher, or type the application number or an ID number.</source>
        <translation>请扫描取卡凭证，或输入申请编号或身份证号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="56"/>
        <source>No card waiting for collection was found for this number at any handling point.</source>
        <translation>各受理网点均没有与该号码对应的待领社会保障卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="58"/>
        <source>This card is not collected here: it waits at {site} ({code}), the handling point where it was applied for. Please send the applicant there.</source>
        <translation>该卡不在本网点领取：卡片在原受理网点“{site}”（{code}）待领，请告知申请人到该网点领取。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="61"/>
        <source>No card for this number waits here. Whether it waits at another handling point cannot be checked now: the central database cannot be reached.</source>
        <translation>本网点没有与该号码对应的待领卡片。目前无法连接中心数据库，暂时无法查询是否在其他网点待领。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="64"/>
        <source>The central database says this card waits here, but this counter has not received it yet: sync (F9) and try again.</source>
        <translation>中心数据库显示该卡在本网点待领，但本柜台尚未收到该卡信息：请先同步（F9）再试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="67"/>
        <source>The card of application {number} has not been reported ready yet; the applicant is notified when it arrives.</source>
        <translation>申请 {number} 的社会保障卡尚未制成送达；卡片到达后将通知申请人。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="70"/>
        <source>The card of application {number} is not waiting for collection (its status: {status}).</source>
        <translation>申请 {number} 的社会保障卡当前不在待领状态（状态：{status}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="73"/>
        <source>The card of application {number} was already collected on {date}.</source>
        <translation>申请 {number} 的社会保障卡已于 {date} 领取。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="75"/>
        <source>Only a collected card can be activated; the card of application {number} is not (its status: {status}).</source>
        <translation>只有已领取的社会保障卡才能激活；申请 {number} 的卡片不是已领取状态（状态：{status}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="78"/>
        <source>A collection receipt is printed only for a card that has been collected.</source>
        <translation>只有已领取的社会保障卡才能打印领取回执。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="80"/>
        <source>No collected card of this handling point was found for this number.</source>
        <translation>未找到本网点与该号码对应的已领取卡片。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="82"/>
        <source>This application was taken in at another handling point; its card is handed over there.</source>
        <translation>该申请由其他受理网点受理，社会保障卡在该网点发放。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/collection.py" line="85"/>
        <location filename="../../counter_app/services/fees.py" line="33"/>
        <location filename="../../counter_app/services/intake.py" line="32"/>
        <location filename="../../counter_app/services/issuance.py" line="62"/>
        <source>The application cannot be found.</source>
        <translation>未找到该申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/intake.py" line="33"/>
        <source>Required materials are missing: {materials}.</source>
        <translation>缺少必交材料：{materials}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/intake.py" line="35"/>
        <source>Please give the reason for the rejection.</source>
        <translation>请填写不予受理的理由。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/intake.py" line="36"/>
        <source>The application is past this step and can no longer be changed here.</source>
        <translation>该申请已过此环节，不能在此修改。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/business_column.py" line="19"/>
        <source>The business type is not one of this city&apos;s: write one of {labels}, or leave it empty (the type then follows from the applicant&apos;s age).</source>
        <translation>业务类型不是本市规定的类型：请填写{labels}之一，或留空（留空时按申请人年龄确定业务类型）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/business_column.py" line="22"/>
        <source>{business} makes no new card, so it cannot come in a spreadsheet: the applicant comes to the window. A spreadsheet takes {labels}.</source>
        <translation>「{business}」不制新卡，不能通过表格批量办理，请申请人到窗口办理。表格可办理：{labels}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/business_column.py" line="26"/>
        <location filename="../../counter_app/services/intake.py" line="38"/>
        <source>Please enter the number of the card being renewed (it is printed on the card).</source>
        <translation>请输入需换领的原卡卡号（印在卡面上）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/decoding.py" line="22"/>
        <source>The file is not a readable image (JPEG, PNG or BMP): please choose another.</source>
        <translation>该文件不是可识别的图片（JPEG、PNG 或 BMP），请重新选择。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/decoding.py" line="25"/>
        <source>The image is too large ({width} x {height} pixels); at most {megapixels} megapixels can be opened.</source>
        <translation>图片过大（{width} x {height} 像素），最多只能打开 {megapixels} 百万像素的图片。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/decoding.py" line="24"/>
        <source>The image file cannot be opened.</source>
        <translation>无法打开该图片文件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/importer.py" line="19"/>
        <source>The image is too small ({width} x {height} pixels); at least {min_w} x {min_h} is needed.</source>
        <translation>图片尺寸过小（{width} × {height} 像素），至少需要 {min_w} × {min_h} 像素。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/database.py" line="24"/>
        <source>The central database cannot be reached; applications stay queued on this counter and will be sent later.</source>
        <translation>无法连接中心数据库，申请已暂存在本机，稍后将自动上传。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/database.py" line="27"/>
        <source>The central database has not been set up for counters yet (run &apos;counter-app central init&apos;). Applications stay queued on this counter.</source>
        <translation>中心数据库尚未完成柜台接入设置（请运行“counter-app central init”）。申请仍保存在本柜台，稍后发送。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/database.py" line="30"/>
        <source>This counter&apos;s access to the central database has been withdrawn. Applications stay queued on this counter; ask the administrator to enrol it again.</source>
        <translation>本柜台访问中心数据库的权限已被撤销。申请仍保存在本柜台；请联系管理员重新注册本柜台。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/database.py" line="34"/>
        <source>This is an administrator&apos;s login to the central database; a counter sends its applications with its own login (&apos;counter-app enrol&apos;).</source>
        <translation>这是中心数据库的管理员账号；柜台须使用本柜台自己的账号发送申请（counter-app enrol）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/database.py" line="37"/>
        <source>The central database must be a PostgreSQL server (a postgresql:// address).</source>
        <translation>中心数据库必须是 PostgreSQL 服务器（postgresql:// 地址）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/lifecycle.py" line="10"/>
        <source>An application in state &quot;{current}&quot; cannot move to &quot;{target}&quot;.</source>
        <translation>处于“{current}”状态的申请不能变更为“{target}”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/lifecycle.py" line="12"/>
        <source>Moving an application from &quot;{current}&quot; to &quot;{target}&quot; is done by the {actor}, not here.</source>
        <translation>申请从“{current}”转为“{target}”须由{actor}办理，不能在此办理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/idnumber.py" line="18"/>
        <source>Please enter the ID number.</source>
        <translation>请输入身份证号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/idnumber.py" line="19"/>
        <source>An ID number has 18 characters; this one has {length}.</source>
        <translation>身份证号码应为18位，当前为 {length} 位。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/idnumber.py" line="21"/>
        <source>Only digits are allowed, with X as the last character.</source>
        <translation>只能输入数字，末位可以是X。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/idnumber.py" line="23"/>
        <source>The birth date in the ID number (characters 7-14) is not a real date.</source>
        <translation>身份证号码中的出生日期（第7至14位）不是有效日期。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/idnumber.py" line="25"/>
        <source>The birth date in the ID number lies in the future.</source>
        <translation>身份证号码中的出生日期晚于今天。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/idnumber.py" line="27"/>
        <source>The region code (first 6 digits) is not a known region.</source>
        <translation>身份证号码前6位不是有效的行政区划代码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/idnumber.py" line="29"/>
        <source>The check character does not match: a digit may be mistyped.</source>
        <translation>身份证号码校验位不符，可能有数字录入错误。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/idnumber.py" line="31"/>
        <source>Old 15-digit ID numbers cannot be used: please use the 18-digit number.</source>
        <translation>不能使用15位旧身份证号码，请录入18位号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="15"/>
        <source>Please enter the name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="16"/>
        <source>Please enter the guardian&apos;s name.</source>
        <translation>请输入监护人姓名。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="17"/>
        <source>Please enter the agent&apos;s name.</source>
        <translation>请输入代办人姓名。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="18"/>
        <source>Please enter a phone number: the child&apos;s own, or the guardian&apos;s below (then the child&apos;s may stay empty).</source>
        <translation>请输入联系电话：填写儿童本人的，或在下方填写监护人的（此时儿童本人的可不填）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="21"/>
        <source>A name holds Chinese characters (rare ones too), letters, spaces and the middle dot only.</source>
        <translation>姓名只能包含汉字（含生僻字）、字母、空格和间隔号“·”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="24"/>
        <source>This entry is too long (at most {limit} characters).</source>
        <translation>输入内容过长（最多 {limit} 个字符）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="25"/>
        <source>The address contains characters that cannot be printed.</source>
        <translation>地址中含有无法打印的字符。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="26"/>
        <source>An address cannot begin with =, +, - or @ (a spreadsheet would take it for a formula).</source>
        <translation>地址不能以 =、+、- 或 @ 开头（电子表格会把它当作公式）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="29"/>
        <source>The phone number should be an 11-digit mobile number or a landline.</source>
        <translation>联系电话应为11位手机号码或固定电话号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="31"/>
        <source>The applicant is a minor: please enter a guardian.</source>
        <translation>申请人为未成年人，请填写监护人信息。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="33"/>
        <source>The guardian must be an adult.</source>
        <translation>监护人须为成年人。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="34"/>
        <source>The agent must be an adult.</source>
        <translation>代办人须为成年人。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="35"/>
        <source>Please enter the relation to the applicant.</source>
        <translation>请填写与申请人的关系。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="36"/>
        <source>Please enter the agent who applies on the applicant&apos;s behalf.</source>
        <translation>请填写代为申请的代办人信息。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="37"/>
        <source>A minor&apos;s application is presented by a guardian or an agent.</source>
        <translation>未成年人的申请须由监护人或代办人办理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/people.py" line="39"/>
        <source>The applicant is an adult: a guardian cannot present the application.</source>
        <translation>申请人已成年，不能由监护人代为办理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/business.py" line="29"/>
        <source>The rules file {file} is not valid: {problem}</source>
        <translation>业务规则文件 {file} 有误：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/business.py" line="30"/>
        <source>{business} is only for children within {days} days after birth: this applicant should apply for {instead}.</source>
        <translation>{business}只适用于出生 {days} 天内的儿童：此申请人应办理「{instead}」。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/business.py" line="33"/>
        <source>{business} is only for applicants up to {age} years old: this applicant should apply for {instead}.</source>
        <translation>{business}只适用于 {age} 周岁及以下的申请人：此申请人应办理「{instead}」。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/business.py" line="36"/>
        <source>{business} is only for applicants from {age} years old: this applicant should apply for {instead}.</source>
        <translation>{business}只适用于年满 {age} 周岁的申请人：此申请人应办理「{instead}」。</translation>
    </message>
    <message>
        <location filename="../../counter_app/forms/fonts.py" line="57"/>
        <source>No Chinese TrueType font (.ttf/.ttc) was found, so forms cannot be printed. Searched: {searched}. Fix: install fonts-wqy-zenhei (Linux) or configure the path of a Chinese TrueType font such as simsun.ttc.</source>
        <translation>未找到中文 TrueType 字体（.ttf/.ttc），无法打印表单。已查找：{searched}。解决办法：安装 fonts-wqy-zenhei（Linux），或在设置中指定中文 TrueType 字体（如 simsun.ttc）的路径。</translation>
    </message>
    <message>
        <location filename="../../counter_app/forms/fonts.py" line="61"/>
        <source>No usable Chinese font: {broken} cannot be read (the file is damaged or is not a TrueType font), so forms cannot be printed. Searched: {searched}. Fix: replace the damaged file, or install fonts-wqy-zenhei (Linux) or configure another Chinese TrueType font such as simsun.ttc.</source>
        <translation>没有可用的中文字体：{broken} 无法读取（文件已损坏或不是 TrueType 字体），因此无法打印表格。已查找：{searched}。解决方法：更换损坏的文件，或安装 fonts-wqy-zenhei（Linux），或配置其他中文 TrueType 字体（如 simsun.ttc）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/idcard/reader.py" line="17"/>
        <source>No ID card on the reader: place the card on the reader and try again.</source>
        <translation>读卡器上没有身份证，请将身份证放在读卡器上后重试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/idcard/reader.py" line="19"/>
        <source>The ID-card reader is not connected or its driver cannot be loaded; please type the details.</source>
        <translation>身份证读卡器未连接或驱动无法加载，请手工录入。</translation>
    </message>
    <message>
        <location filename="../../counter_app/idcard/reader.py" line="22"/>
        <source>The ID card could not be read; move the card a little and try again.</source>
        <translation>无法读取身份证，请稍微移动证件后重试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/profiles.py" line="22"/>
        <source>There is no photo profile named {name}.</source>
        <translation>没有名为 {name} 的照片规格。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/profiles.py" line="23"/>
        <source>The photo profile {name} is not valid: {problem}</source>
        <translation>照片规格 {name} 无效：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/spreadsheet.py" line="23"/>
        <source>The file is too large ({megabytes} MB); at most {limit} MB can be imported.</source>
        <translation>文件过大（{megabytes} MB），最多可导入 {limit} MB。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/spreadsheet.py" line="25"/>
        <source>The file is not a readable spreadsheet (xlsx or CSV).</source>
        <translation>该文件不是可读取的表格（xlsx 或 CSV）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/spreadsheet.py" line="27"/>
        <source>The spreadsheet has no rows of applicants.</source>
        <translation>表格中没有申请人数据。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/spreadsheet.py" line="28"/>
        <source>The spreadsheet lacks the columns: {columns}. The first row must name the columns as the template does: get the template with “Save template…” in the batch intake window (or: counter-app batch template --out FILE).</source>
        <translation>表格缺少以下列：{columns}。第一行须与模板一样写明列名：请在批量受理窗口点“保存模板…”获取模板（或运行：counter-app batch template --out 文件名）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/spreadsheet.py" line="32"/>
        <source>The spreadsheet has more than {limit} rows; please split it.</source>
        <translation>表格超过 {limit} 行，请拆分后再导入。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/validate.py" line="21"/>
        <source>The same ID number is already in row {row}.</source>
        <translation>该身份证号码已在第 {row} 行出现。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/validate.py" line="23"/>
        <source>This row is the example (its ID number is the example number): delete the row, or write the applicant&apos;s own details over it.</source>
        <translation>此行是示例（身份证号码为示例号码）：请删除此行，或改填申请人本人的信息。</translation>
    </message>
    <message>
        <location filename="../../counter_app/documents/matching.py" line="7"/>
        <source>This page belongs to application {found}, not to application {expected}. Attach it to its own application, or scan the right page.</source>
        <translation>此页属于申请 {found}，而不是申请 {expected}。请将其附加到所属的申请，或扫描正确的页面。</translation>
    </message>
    <message>
        <location filename="../../counter_app/documents/scan.py" line="26"/>
        <source>The file is not a picture that can be read (use JPEG, PNG, TIFF or BMP).</source>
        <translation>该文件不是可读取的图片（请使用 JPEG、PNG、TIFF 或 BMP 格式）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/documents/scan.py" line="28"/>
        <source>The picture is too large to read ({width} x {height} pixels); scan the page again at 300 dpi.</source>
        <translation>图片太大，无法读取（{width} x {height} 像素）；请按 300 dpi 重新扫描。</translation>
    </message>
    <message>
        <location filename="../../counter_app/documents/scan.py" line="31"/>
        <source>No QR code could be read on the page. Scan or photograph the whole page again, flat and in good light, with the code at the top right in view.</source>
        <translation>未能识别页面上的二维码。请将整页放平、在光线充足处重新扫描或拍摄，并确保右上角的二维码完整可见。</translation>
    </message>
    <message>
        <location filename="../../counter_app/documents/scan.py" line="34"/>
        <source>The QR code on the page does not come from a form printed by this program, or it is damaged. Scan the signed registration form itself.</source>
        <translation>页面上的二维码不是本系统打印的表格所带，或已损坏。请扫描已签字的申请登记表本身。</translation>
    </message>
    <message>
        <location filename="../../counter_app/forms/city_config.py" line="16"/>
        <source>The document settings file {file} is not valid: {problem}</source>
        <translation>文书配置文件 {file} 无效：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="35"/>
        <source>One face</source>
        <translation>单一人脸</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="36"/>
        <source>Faces found: {measured:.0f}; exactly one is needed.</source>
        <translation>检测到 {measured:.0f} 张人脸；须恰好一张。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="37"/>
        <source>No face found: look into the camera</source>
        <translation>未检测到人脸：请看向摄像头</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="38"/>
        <source>Only the applicant may be in the picture</source>
        <translation>画面中只能有申请人一人</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="40"/>
        <source>Face large enough</source>
        <translation>人脸足够大</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="41"/>
        <source>The face is {measured:.0f} px wide in the capture; at least {low:.0f} px are needed.</source>
        <translation>拍摄画面中人脸宽 {measured:.0f} 像素；至少需要 {low:.0f} 像素。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="44"/>
        <location filename="../../counter_app/photo/checks.py" line="51"/>
        <source>Move closer</source>
        <translation>请靠近一些</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="47"/>
        <source>Face width</source>
        <translation>脸宽</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="48"/>
        <source>Face width in the photo {measured:.0f} px; {low:.0f} to {high:.0f} px are needed.</source>
        <translation>照片中脸宽 {measured:.0f} 像素；要求 {low:.0f} 至 {high:.0f} 像素。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="52"/>
        <source>Move back</source>
        <translation>请后退一些</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="55"/>
        <source>Top of the head</source>
        <translation>头顶位置</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="56"/>
        <source>Top of the head {measured:.0f} px below the top edge; {low:.0f} to {high:.0f} px are needed.</source>
        <translation>头顶距上边缘 {measured:.0f} 像素；要求 {low:.0f} 至 {high:.0f} 像素。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="60"/>
        <source>Head too high in the picture</source>
        <translation>头部在画面中过高</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="61"/>
        <source>Head too low in the picture</source>
        <translation>头部在画面中过低</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="64"/>
        <source>Face centred</source>
        <translation>人脸居中</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="65"/>
        <source>The face is {measured:+.0f} px from the middle; {low:+.0f} to {high:+.0f} px are allowed.</source>
        <translation>人脸偏离中线 {measured:+.0f} 像素；允许 {low:+.0f} 至 {high:+.0f} 像素。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="69"/>
        <source>Face too far left in the picture</source>
        <translation>人脸在画面中过于偏左</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="70"/>
        <source>Face too far right in the picture</source>
        <translation>人脸在画面中过于偏右</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="73"/>
        <source>Eye line</source>
        <translation>眼睛位置</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="74"/>
        <source>Eye line {measured:.0f} px above the bottom edge; at least {low:.0f} px are needed.</source>
        <translation>双眼连线距下边缘 {measured:.0f} 像素；至少需要 {low:.0f} 像素。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="77"/>
        <source>Eyes too low in the picture</source>
        <translation>眼睛在画面中过低</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="80"/>
        <source>Eyes open</source>
        <translation>双眼睁开</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="81"/>
        <source>{measured:.0f} of 2 eyes found.</source>
        <translation>检测到 {measured:.0f} 只眼睛（共 2 只）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="82"/>
        <source>Open the eyes and look into the camera</source>
        <translation>请睁开双眼，看向摄像头</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="84"/>
        <source>Head level</source>
        <translation>头部端正</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="85"/>
        <source>The head is tilted {measured:+.1f}°; {low:+.0f}° to {high:+.0f}° are allowed.</source>
        <translation>头部倾斜 {measured:+.1f}°；允许 {low:+.0f}° 至 {high:+.0f}°。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="88"/>
        <location filename="../../counter_app/photo/checks.py" line="89"/>
        <source>Hold the head straight</source>
        <translation>请把头摆正</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="92"/>
        <source>Facing the camera</source>
        <translation>正对镜头</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="93"/>
        <source>The head is turned about {measured:+.0f}°; {low:+.0f}° to {high:+.0f}° are allowed.</source>
        <translation>头部约偏转 {measured:+.0f}°；允许 {low:+.0f}° 至 {high:+.0f}°。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="96"/>
        <location filename="../../counter_app/photo/checks.py" line="97"/>
        <source>Look straight into the camera</source>
        <translation>请正视镜头</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="100"/>
        <source>Not too dark</source>
        <translation>亮度不过暗</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="101"/>
        <source>{measured:.0%} of the face is too dark; at most {high:.0%} is allowed.</source>
        <translation>面部 {measured:.0%} 的区域过暗；最多允许 {high:.0%}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="104"/>
        <source>Too dark: more light on the face</source>
        <translation>过暗：请给面部补光</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="107"/>
        <source>Not too bright</source>
        <translation>亮度不过曝</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="108"/>
        <source>{measured:.0%} of the face is over-exposed; at most {high:.0%} is allowed.</source>
        <translation>面部 {measured:.0%} 的区域过曝；最多允许 {high:.0%}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="111"/>
        <source>Too bright: less light on the face</source>
        <translation>过亮：请减弱面部光线</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="114"/>
        <source>Even lighting</source>
        <translation>光照均匀</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="115"/>
        <source>One side of the face is {measured:.0%} darker; at most {high:.0%} is allowed.</source>
        <translation>面部一侧偏暗 {measured:.0%}；最多允许 {high:.0%}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="118"/>
        <source>Light both sides of the face evenly</source>
        <translation>请让面部两侧光线均匀</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="121"/>
        <source>Sharp</source>
        <translation>清晰</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="122"/>
        <source>Sharpness {measured:.0f}; at least {low:.0f} is needed.</source>
        <translation>清晰度 {measured:.0f}；至少需要 {low:.0f}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="123"/>
        <source>Blurred: hold still and focus</source>
        <translation>模糊：请保持不动并对焦</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="125"/>
        <source>Colour photo</source>
        <translation>彩色照片</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="126"/>
        <source>Face colour {measured:.1f}; at least {low:.1f} is needed (black and white is not accepted).</source>
        <translation>面部色彩饱和度 {measured:.1f}；至少需要 {low:.1f}（不接受黑白照片）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="130"/>
        <source>Use a colour picture</source>
        <translation>请使用彩色照片</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="133"/>
        <source>White background</source>
        <translation>白色背景</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="134"/>
        <source>Background brightness {measured:.0f}; at least {low:.0f} is needed.</source>
        <translation>背景亮度 {measured:.0f}；至少需要 {low:.0f}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="137"/>
        <source>The background is not white</source>
        <translation>背景不是白色</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="139"/>
        <source>Even background</source>
        <translation>背景均匀</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="140"/>
        <source>Background variation {measured:.0f}; at most {high:.0f} is allowed.</source>
        <translation>背景亮度差异 {measured:.0f}；最多允许 {high:.0f}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="143"/>
        <source>Remove shadows and objects from the background</source>
        <translation>请去除背景中的阴影和杂物</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="145"/>
        <source>No colour cast</source>
        <translation>无偏色</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="146"/>
        <source>Colour cast of the background {measured:.1f}; at most {high:.1f} is allowed.</source>
        <translation>背景偏色 {measured:.1f}；最多允许 {high:.1f}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="149"/>
        <source>Colour cast: check the white balance</source>
        <translation>偏色：请检查白平衡</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="152"/>
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="153"/>
        <source>File size {measured:.1f} KB; {low:.0f} to {high:.0f} KB are needed.</source>
        <translation>文件大小 {measured:.1f} KB；要求 {low:.0f} 至 {high:.0f} KB。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="158"/>
        <source>Photo size</source>
        <translation>照片尺寸</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/checks.py" line="159"/>
        <source>The photo is {measured} px; {low} px are needed.</source>
        <translation>照片为 {measured} 像素；要求 {low} 像素。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/batches.py" line="33"/>
        <source>No row of the spreadsheet can be accepted; see the report.</source>
        <translation>表格中没有可受理的行，请查看核验报告。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/batches.py" line="35"/>
        <location filename="../../counter_app/services/documents.py" line="54"/>
        <source>The batch cannot be found.</source>
        <translation>找不到该批次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/batches.py" line="36"/>
        <source>Please name the committee or community.</source>
        <translation>请填写村委会或社区名称。</translation>
    </message>
    <message>
        <location filename="../../counter_app/documents/rectify.py" line="26"/>
        <source>The scan is blurred: hold the material still and scan again.</source>
        <translation>扫描图像模糊，请保持材料不动后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../counter_app/documents/rectify.py" line="27"/>
        <source>Light reflects on the material: tilt it or turn off the desk lamp and scan again.</source>
        <translation>材料表面反光，请调整角度或关闭台灯后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../counter_app/documents/rectify.py" line="29"/>
        <source>The edges of the material were not found: lay it on a dark surface, fully in view.</source>
        <translation>未找到材料边缘，请将材料完整平放在深色台面上。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/documents.py" line="48"/>
        <source>A pick-up voucher is issued once the application has been accepted (signed), until the card is collected.</source>
        <translation>申请受理（签字）后方可出具取卡凭证，领卡后不再出具。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/documents.py" line="51"/>
        <source>A rejection notice is printed only for a rejected application.</source>
        <translation>只有不予受理的申请才能打印不予受理告知书。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/documents.py" line="53"/>
        <source>Choose at least one application to print.</source>
        <translation>请至少选择一份要打印的申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/documents.py" line="55"/>
        <source>Every application of the batch was rejected or withdrawn: there is nothing to print.</source>
        <translation>本批次的申请均已不予受理或已撤回，没有可打印的内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/documents.py" line="58"/>
        <source>The form of application {number} cannot be printed: it has not passed the examination yet, or it was rejected or withdrawn.</source>
        <translation>申请 {number} 的登记表不能打印：尚未通过初审，或已不予受理或已撤回。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/scanning.py" line="25"/>
        <source>This material is not on the application&apos;s checklist.</source>
        <translation>该材料不在本申请的材料清单中。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/signed_copies.py" line="44"/>
        <source>The file cannot be opened. Check that it exists and is not too large (at most 40 MB).</source>
        <translation>无法打开该文件。请检查文件是否存在且不超过 40 MB。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/signed_copies.py" line="47"/>
        <source>The registration form of this application has not been printed yet, so there is no signed form to attach.</source>
        <translation>该申请的登记表尚未打印，没有可附加的签字表。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/signed_copies.py" line="50"/>
        <source>The application was rejected or withdrawn; a signed form cannot be attached to it.</source>
        <translation>该申请已不予受理或已撤回，不能附加签字表。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/signed_copies.py" line="53"/>
        <source>The first page of the PDF cannot be read. Scan the signed form again, or save the scan as a picture (JPEG or PNG).</source>
        <translation>无法读取该 PDF 文件的第一页。请重新扫描已签字的登记表，或将扫描件保存为图片（JPEG 或 PNG）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/signed_copies.py" line="56"/>
        <source>The page belongs to application {number}, which is not in this counter&apos;s records.</source>
        <translation>此页属于申请 {number}，但本窗口没有该申请的记录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="33"/>
        <source>Please type the photo receipt number.</source>
        <translation>请输入照片回执编号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="34"/>
        <source>This is not a photo receipt number of this city: please check it against the slip.</source>
        <translation>这不是本市的照片回执编号，请与回执核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="37"/>
        <source>This photo receipt number does not start with a known prefix ({prefixes}): please check it against the slip.</source>
        <translation>照片回执号的开头不是已知的前缀（{prefixes}），请与回执核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="40"/>
        <source>This photo receipt number is too short: a {label} number has {length} letters and digits. Please check it against the slip.</source>
        <translation>照片回执号太短：{label}号码应为 {length} 位字母和数字，请与回执核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="43"/>
        <source>This photo receipt number is too long: a {label} number has {length} letters and digits. Please check it against the slip.</source>
        <translation>照片回执号太长：{label}号码应为 {length} 位字母和数字，请与回执核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="46"/>
        <source>This photo receipt number does not fit the layout of a {label} number: please check it against the slip.</source>
        <translation>照片回执号不符合{label}号码的格式，请与回执核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="49"/>
        <source>This photo receipt number has no valid site part (1 to 20 capital letters and digits before the date) for a {label} number: please check it against the slip.</source>
        <translation>照片回执号缺少有效的网点代码（日期前 1 至 20 位大写字母和数字），不是{label}号码，请与回执核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="53"/>
        <source>The date in this photo receipt number is not a real day: please check it against the slip.</source>
        <translation>照片回执号中的日期不存在，请与回执核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="56"/>
        <source>The check digit of this photo receipt number is wrong, so a character was mistyped or misread: please check it against the slip.</source>
        <translation>照片回执号的校验位不对，可能有字符输错或识别错误，请与回执核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/receipts.py" line="59"/>
        <source>The photo receipt formats file {file} is not valid: {problem}</source>
        <translation>照片回执编号格式文件 {file} 有误：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/sources.py" line="24"/>
        <source>Camera {device} cannot be opened: check that it is connected and not in use by another program, then press Retry.</source>
        <translation>无法打开摄像头 {device}：请检查是否已连接、是否被其他程序占用，然后点击“重试”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/sources.py" line="27"/>
        <source>The camera stopped sending pictures: check its cable, then press Retry.</source>
        <translation>摄像头停止传送画面：请检查连接线，然后点击“重试”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/photo/sources.py" line="29"/>
        <source>The video file cannot be played.</source>
        <translation>无法播放该视频文件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_station.py" line="40"/>
        <source>No single face was found, so the photo cannot be cut to the standard: please take it again.</source>
        <translation>未能找到唯一的人脸，无法按标准裁切照片：请重新拍摄。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_station.py" line="43"/>
        <source>The photo fails {count} check(s). Take it again, or ask a supervisor to accept it with a reason.</source>
        <translation>照片有 {count} 项检查未通过。请重新拍摄，或请主管填写理由后批准采用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_station.py" line="46"/>
        <source>Please give the reason for accepting a photo that fails a check.</source>
        <translation>请填写采用未通过检查照片的理由。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_station.py" line="49"/>
        <source>This applicant needs a photo: only children under {age} may go without one.</source>
        <translation>此申请人需要照片：只有未满 {age} 周岁的儿童可以免照片。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_station.py" line="51"/>
        <source>Every applicant needs a photo in this city.</source>
        <translation>本市所有申请人都需要照片。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_station.py" line="53"/>
        <source>The application already has a photo.</source>
        <translation>该申请已有照片。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/frame_worker.py" line="32"/>
        <source>The camera is not sending pictures any more: check its cable, then press Retry.</source>
        <translation>摄像头已不再传送画面：请检查连接线，然后点击“重试”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_receipts.py" line="56"/>
        <source>This photo station has issued {count} receipts today, the most a day can number.</source>
        <translation>本照相点今天已出具 {count} 张照片回执，已达到每日编号上限。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_receipts.py" line="59"/>
        <source>The receipt number {number} made here does not fit the format of our own receipts in the receipt formats file: correct the file.</source>
        <translation>本机生成的回执编号 {number} 不符合回执编号格式文件中本系统回执的格式，请修改该文件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_receipts.py" line="62"/>
        <source>The central registry&apos;s photo for receipt {number} is damaged or too large; the receipt is recorded for the card centre to resolve.</source>
        <translation>中心库中回执 {number} 的照片已损坏或过大，回执已登记，将由制卡中心处理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/photo_receipts.py" line="65"/>
        <source>There is no photo receipt {number} on this computer.</source>
        <translation>本机没有编号为 {number} 的照片回执。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/admin.py" line="26"/>
        <location filename="../../counter_app/central/card_blocks.py" line="22"/>
        <source>There is no site with the code {code}.</source>
        <translation>没有编码为 {code} 的网点。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/admin.py" line="27"/>
        <source>Unknown kind of site: {kind}.</source>
        <translation>未知的网点类型：{kind}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/admin.py" line="28"/>
        <source>There is no device {device}.</source>
        <translation>没有设备 {device}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/admin.py" line="29"/>
        <source>Device {device} has been enrolled or withdrawn already; a new code is only for a device that has not taken its code. To replace a counter, withdraw it and add a new device.</source>
        <translation>设备 {device} 已经登记或已被停用；新的登记码只发给尚未使用登记码的设备。如需更换柜台，请停用该设备并添加新设备。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/admin.py" line="33"/>
        <source>An enrolment code must be valid for at least one hour.</source>
        <translation>登记码的有效期至少为一小时。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/admin.py" line="35"/>
        <source>The site code {code} is not usable: use 1 to 20 Latin letters, digits, &apos;-&apos; or &apos;_&apos; (a code is part of database roles and photo receipt numbers).</source>
        <translation>网点代码 {code} 不可用：请使用 1 至 20 位拉丁字母、数字、“-”或“_”（网点代码是数据库角色和照片回执编号的一部分）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/admin.py" line="41"/>
        <source>The site code {code} is too like the existing site {other}&apos;s: the database role and the photo receipt numbers of a site keep only its letters and digits, so the two would share them. Choose a code that differs from {other} in its letters or digits.</source>
        <translation>网点编码 {code} 与已有网点 {other} 的编码过于相似：网点的数据库角色和照片回执编号只保留编码中的字母和数字，两者会因此共用。请选择字母或数字与 {other} 不同的编码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/admin.py" line="46"/>
        <source>&apos;central init&apos; did not finish: another session kept a table it must change locked for {seconds} seconds, {attempts} times (the counters&apos; sessions were ended; an administrator&apos;s own, e.g. psql, is not). Close that session and run &apos;central init&apos; again.</source>
        <translation>“central init”未完成：另一个会话锁定了它必须修改的表，{attempts} 次均超过 {seconds} 秒（各柜台的会话已被结束；管理员自己的会话，例如 psql，不会被结束）。请关闭该会话，然后再次运行“central init”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/credentials.py" line="20"/>
        <source>This is not a valid enrolment code; copy it again from the administrator.</source>
        <translation>这不是有效的注册码，请向管理员重新获取。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="32"/>
        <source>The result file lacks the columns: {columns}. The first line must name the columns (see the template).</source>
        <translation>回盘文件缺少以下列：{columns}。第一行须为列名（请参照模板）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="35"/>
        <source>The file {file} cannot be opened ({problem}).</source>
        <translation>无法打开文件 {file}（{problem}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="37"/>
        <source>The result file has no lines of cards.</source>
        <translation>回盘文件中没有卡片数据。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="40"/>
        <source>The application number is missing.</source>
        <translation>缺少申请编号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="41"/>
        <location filename="../../counter_app/cardcentre/production.py" line="38"/>
        <source>No application has the number {number}.</source>
        <translation>没有申请编号为 {number} 的申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="42"/>
        <source>More than one application has the number {number}.</source>
        <translation>申请编号 {number} 对应多件申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="44"/>
        <source>Application {number} is also on line {other}.</source>
        <translation>申请 {number} 与第 {other} 行重复。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="46"/>
        <source>Card number {card} is also on line {other}.</source>
        <translation>社会保障卡号 {card} 与第 {other} 行重复。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="47"/>
        <location filename="../../counter_app/cardcentre/production.py" line="35"/>
        <source>Card number {card} already belongs to application {number}.</source>
        <translation>社会保障卡号 {card} 已分配给申请 {number}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="49"/>
        <source>Application {number} was withdrawn; no card is to be made for it.</source>
        <translation>申请 {number} 已撤回，不应为其制卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="51"/>
        <source>Application {number} is not in production (its status is &quot;{status}&quot;).</source>
        <translation>申请 {number} 不在制卡中（当前状态为“{status}”）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="53"/>
        <source>The result &quot;{value}&quot; is neither produced nor failed.</source>
        <translation>制卡结果“{value}”既不是成功也不是失败。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="55"/>
        <source>A produced card needs its card number.</source>
        <translation>制卡成功的须填写社会保障卡号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="56"/>
        <source>A failed card needs the reason.</source>
        <translation>制卡失败的须填写失败原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/factory.py" line="57"/>
        <source>The date &quot;{value}&quot; is not a date (YYYY-MM-DD).</source>
        <translation>“{value}”不是有效日期（格式为 YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/notices.py" line="27"/>
        <source>The notice template {file} cannot be used: {problem}</source>
        <translation>通知模板 {file} 无法使用：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/production.py" line="31"/>
        <source>None of the chosen applications can go into production now; no batch was made.</source>
        <translation>选中的申请目前均不能进入制卡，未生成批次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/production.py" line="34"/>
        <source>Choose the applications first.</source>
        <translation>请先选择申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/production.py" line="37"/>
        <source>Say why the card could not be made.</source>
        <translation>请填写制卡失败的原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/production.py" line="39"/>
        <source>The application is not in the central database.</source>
        <translation>中心数据库中没有该申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardcentre/production.py" line="41"/>
        <source>The application was changed meanwhile; look it up again.</source>
        <translation>该申请已被他人处理，请重新查询。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/cards.py" line="18"/>
        <source>A formal loss report cannot be undone; the card can only be replaced.</source>
        <translation>正式挂失不能解除，只能补领新卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/cards.py" line="20"/>
        <source>This card has no temporary loss report in force to undo.</source>
        <translation>该卡没有可解除的有效临时挂失。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/cards.py" line="22"/>
        <source>This card is already on the invalid list ({kind}).</source>
        <translation>该卡已列入失效名单（{kind}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/collection.py" line="15"/>
        <source>Please enter the ID number of the person collecting the card, as on the ID they show.</source>
        <translation>请按领卡人出示的证件输入其身份证号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/collection.py" line="18"/>
        <source>The card cannot be handed over: the ID shown is neither the applicant&apos;s nor that of a guardian on record for this application.</source>
        <translation>不能发卡：所出示的证件既不是申请人本人的，也不是本申请登记的监护人的。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/collection.py" line="21"/>
        <source>The card cannot be handed over: the ID shown is not the applicant&apos;s, and the application has no guardian on record.</source>
        <translation>不能发卡：所出示的证件不是申请人本人的，且本申请未登记监护人。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/collection.py" line="24"/>
        <source>The card cannot be handed over: the ID shown is not the applicant&apos;s.</source>
        <translation>不能发卡：所出示的证件不是申请人本人的。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/collection.py" line="26"/>
        <source>The card cannot be handed over: the ID shown is not that of a guardian on record for this application.</source>
        <translation>不能发卡：所出示的证件不是本申请登记的监护人的。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/collection.py" line="29"/>
        <source>The applicant is under {age}: the card is handed to a guardian on record, who shows their own ID.</source>
        <translation>申请人未满{age}周岁：社会保障卡由登记的监护人凭本人身份证件领取。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/inquiry.py" line="21"/>
        <source>Enter an 18-character resident ID number or a card number (6 to 30 letters and digits).</source>
        <translation>请输入18位居民身份证号码或社会保障卡卡号（6至30位字母和数字）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/card_centre.py" line="34"/>
        <source>This computer is enrolled for the handling point {site}, not for the card centre, so it would see only that handling point&apos;s applications. Enrol it as a device of the card centre&apos;s site.</source>
        <translation>本机注册为经办网点 {site} 的设备，而不是卡管中心的设备，只能看到该网点的申请。请将本机注册为卡管中心的设备。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/card_reports.py" line="45"/>
        <source>Please enter the card number.</source>
        <translation>请输入社会保障卡号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/cards.py" line="24"/>
        <source>A card number is 6 to 30 letters and digits, at least one of them a digit.</source>
        <translation>社会保障卡号应为6至30位字母或数字，且至少含一位数字。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/card_reports.py" line="46"/>
        <source>Please enter the cardholder&apos;s ID number, as on the ID shown.</source>
        <translation>请按持卡人出示的证件输入其身份证号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/card_reports.py" line="48"/>
        <source>This kind of entry is not reported at the window.</source>
        <translation>此类无效卡登记不在窗口办理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/card_reports.py" line="50"/>
        <source>This card belongs to another ID number: it cannot be reported with the ID shown.</source>
        <translation>该卡属于其他身份证号码，不能凭所出示的证件办理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/card_reports.py" line="53"/>
        <source>This card has not been handed over yet (its status: {status}); a card still at the handling point is not reported.</source>
        <translation>该卡尚未发放（状态：{status}）；仍在受理网点的卡片不办理挂失或登记。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/card_reports.py" line="56"/>
        <source>Please enter a card number or an ID number.</source>
        <translation>请输入社会保障卡号或身份证号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/inquiry.py" line="57"/>
        <source>The central database cannot be reached: this answer shows only what this counter holds (its own applications, and the invalid list as last pulled).</source>
        <translation>无法连接中心数据库：以下仅为本柜台保存的数据（本柜台受理的申请，以及最近一次同步的挂失及失效名单）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/reports.py" line="36"/>
        <source>There is no handling point {code} on this counter.</source>
        <translation>本柜台没有编号为 {code} 的服务网点。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/embedded.py" line="63"/>
        <source>The built-in central database could not be started ({reason}). Applications stay queued on this counter; the details are in the log.</source>
        <translation>内置中心数据库无法启动（{reason}）。申请仍暂存在本柜台，详细信息已记录到日志。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/embedded.py" line="66"/>
        <source>The built-in central database is not available on this computer ({reason}). Set the address of a central database in the settings instead.</source>
        <translation>本机无法使用内置中心数据库（{reason}）。请改为在设置中填写中心数据库的地址。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/embedded.py" line="69"/>
        <source>The built-in central database cannot run as the administrator (root), and its system user {user} could not be set up ({reason}).</source>
        <translation>内置中心数据库不能以管理员（root）身份运行，且无法设置其专用系统用户 {user}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/embedded.py" line="72"/>
        <source>The folder {path} for the built-in central database&apos;s connection belongs to another user. Remove it, or ask the administrator.</source>
        <translation>内置中心数据库的连接文件夹 {path} 属于其他用户。请删除该文件夹，或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/central_access.py" line="27"/>
        <source>This counter is not enrolled with the central database yet: ask the administrator for its enrolment code (&apos;counter-app enrol&apos;). Applications stay queued on this counter.</source>
        <translation>本柜台尚未在中心数据库注册：请向管理员索取注册码（counter-app enrol）。申请仍在本柜台排队等待发送。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/central_access.py" line="31"/>
        <source>No handling point has been set up on this counter yet, so there is nothing to send to the central database.</source>
        <translation>本柜台尚未设置经办网点，暂无需要发送到中心数据库的内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/enrolment.py" line="41"/>
        <source>This enrolment code has been altered, or was not issued by this central database; copy it again from the administrator.</source>
        <translation>此登记码已被改动，或并非由该中心数据库签发；请向管理员重新复制。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/enrolment.py" line="44"/>
        <source>This enrolment code has been used already: each code enrols one counter, once. Ask the administrator for a new code.</source>
        <translation>此登记码已被使用：每个登记码只能为一个柜台登记一次。请向管理员索取新的登记码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/enrolment.py" line="47"/>
        <source>This enrolment code has expired; ask the administrator for a new code.</source>
        <translation>此登记码已过期，请向管理员索取新的登记码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/enrolment.py" line="49"/>
        <source>The central database refused the login of this enrolment code: the code has been used already or replaced by a newer one, or the device was withdrawn. Ask the administrator for a new code.</source>
        <translation>中心数据库拒绝了此登记码的登录：该登记码已被使用或已被新的登记码取代，或设备已被停用。请向管理员索取新的登记码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/enrolment.py" line="53"/>
        <source>This enrolment code does not point to a PostgreSQL server; a counter enrols only with a central PostgreSQL database. Ask the administrator for a new code.</source>
        <translation>此登记码指向的不是 PostgreSQL 服务器；柜台只能登记到中心 PostgreSQL 数据库。请向管理员索取新的登记码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/enrolment.py" line="56"/>
        <source>The login of this enrolment code has more rights than a counter may have ({powers}); it was not used. Ask the administrator to check the central database.</source>
        <translation>此登记码的登录账户拥有超出柜台所允许的权限（{powers}），因此未被使用。请管理员检查中心数据库。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/enrolment.py" line="60"/>
        <source>The login of this enrolment code owns tables, functions or the database itself on the central server, which a counter must not; it was not used. Ask the administrator to check the central database.</source>
        <translation>此登记码的登录账户在中心服务器上拥有数据表、函数或数据库本身，柜台不得如此，因此未被使用。请管理员检查中心数据库。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/lookup.py" line="28"/>
        <source>This counter has made its {budget} look-ups in the central database for this hour; try again after {time}, or ask the card centre to raise the site&apos;s budget.</source>
        <translation>本机本小时已用完 {budget} 次中心数据库查询，请在 {time} 之后再试，或请制卡中心调高本网点的查询限额。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/preapplications.py" line="17"/>
        <source>No online pre-application has the number {number} with this ID number. Check both numbers against the applicant&apos;s slip and ID.</source>
        <translation>没有与该身份证号码对应的网上预约 {number}。请对照申请人的预约单和身份证核对这两个号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/preapplications.py" line="20"/>
        <source>Enter the applicant&apos;s (or the guardian&apos;s) ID number first: a pre-application is found by its number and that ID number together.</source>
        <translation>请先输入申请人（或监护人）的身份证号码：网上预约须凭预约号和该身份证号码一起查询。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/preapplications.py" line="23"/>
        <source>Please enter the pre-application number.</source>
        <translation>请输入网上预约号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/errors.py" line="38"/>
        <source>The file {file} is broken at line {line}, column {column}: correct it or ask the administrator.</source>
        <translation>文件 {file} 第 {line} 行第 {column} 列有错误：请改正，或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/errors.py" line="41"/>
        <source>The file {file} is not valid: {problem}</source>
        <translation>文件 {file} 无效：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/errors.py" line="42"/>
        <source>The file {file} cannot be read: {problem}</source>
        <translation>无法读取文件 {file}：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/security/input_files.py" line="13"/>
        <source>{name} is not an ordinary file (a device, a pipe or a folder); please choose a file.</source>
        <translation>{name} 不是普通文件（设备、管道或文件夹），请选择一个文件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/security/input_files.py" line="16"/>
        <source>{name} is too large ({megabytes} MB); at most {limit} MB can be opened.</source>
        <translation>{name} 太大（{megabytes} MB），最多只能打开 {limit} MB。</translation>
    </message>
    <message>
        <location filename="../../counter_app/security/input_files.py" line="18"/>
        <source>{name} cannot be opened.</source>
        <translation>无法打开 {name}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/signin.py" line="30"/>
        <source>This command runs as an operator: set COUNTER_OPERATOR and COUNTER_PASSWORD, or run it on a terminal to be asked.</source>
        <translation>此命令须以操作员身份运行：请设置 COUNTER_OPERATOR 和 COUNTER_PASSWORD，或在终端中运行以输入。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/signin.py" line="33"/>
        <source>No new password was given: type it on the terminal, pipe it on standard input or set COUNTER_NEW_PASSWORD.</source>
        <translation>未提供新密码：请在终端中输入、从标准输入传入，或设置 COUNTER_NEW_PASSWORD。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cli/signin.py" line="36"/>
        <source>Your password must be changed first: run `counter-app operator passwd`.</source>
        <translation>须先修改密码：请运行 `counter-app operator passwd`。</translation>
    </message>
    <message>
        <location filename="../../counter_app/security/keys.py" line="39"/>
        <source>The key that opens this counter&apos;s data was not found ({place}). Restore it, or set the data folder aside and start afresh: applications already sent are kept in the central database (docs/SECURITY.md).</source>
        <translation>找不到打开本柜台数据的密钥（{place}）。请恢复密钥，或将数据文件夹移到别处后重新开始：已上传的申请保存在中心数据库中（见 docs/SECURITY.md）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/security/keys.py" line="43"/>
        <source>The key found in {place} does not open this counter&apos;s data. Restore the right key (docs/SECURITY.md).</source>
        <translation>{place} 中的密钥无法打开本柜台的数据。请恢复正确的密钥（见 docs/SECURITY.md）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/security/keys.py" line="46"/>
        <source>There is no place for the data key outside the data folder {folder}: set key_file in the settings to a file elsewhere (docs/SECURITY.md).</source>
        <translation>数据文件夹 {folder} 之外没有可存放数据密钥的位置：请在设置中将 key_file 设为其他位置的文件（见 docs/SECURITY.md）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/security/keys.py" line="49"/>
        <source>The key file {place} cannot be used: {problem}</source>
        <translation>密钥文件 {place} 无法使用：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/security/sealing.py" line="19"/>
        <source>A protected file is damaged or was altered: {file}</source>
        <translation>受保护的文件已损坏或被改动：{file}</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/operators.py" line="28"/>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/operators.py" line="29"/>
        <source>This is the last active administrator: make another operator an administrator first.</source>
        <translation>这是最后一个在用的管理员：请先将另一名操作员设为管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/operators.py" line="32"/>
        <source>There is no such operator.</source>
        <translation>没有这个操作员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/operators.py" line="33"/>
        <source>The current password is not right.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/operators.py" line="34"/>
        <source>The new password must be different from the current one.</source>
        <translation>新密码须与当前密码不同。</translation>
    </message>
    <message>
        <location filename="../../counter_app/batches/template.py" line="20"/>
        <source>The template could not be saved ({problem}): choose another folder or file name.</source>
        <translation>模板未能保存（{problem}）：请换一个文件夹或文件名。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/backlog.py" line="13"/>
        <source>The last successful sync was at {time}.</source>
        <translation>上次成功同步于 {time}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/backlog.py" line="14"/>
        <source>No successful sync since {time}: check the network and the sync status in the status bar.</source>
        <translation>自 {time} 起未成功同步：请检查网络及状态栏中的同步状态。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/backlog.py" line="17"/>
        <source>No sync yet, and nothing is waiting to be sent.</source>
        <translation>尚未同步过，也没有待上传的内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/backlog.py" line="19"/>
        <source>No successful sync yet while {count} wait to be sent: check the network and the sync status in the status bar.</source>
        <translation>尚未成功同步过，已有 {count} 笔待上传：请检查网络及状态栏中的同步状态。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/backlog.py" line="22"/>
        <source>Every application has been sent.</source>
        <translation>所有申请均已上传。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/backlog.py" line="23"/>
        <source>{count} applications wait to be sent, the oldest since {time}.</source>
        <translation>{count} 笔申请待上传，最早一笔自 {time} 起等待。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/backlog.py" line="25"/>
        <source>{count} applications wait to be sent, the oldest since {time}: check the network and the sync status in the status bar.</source>
        <translation>{count} 笔申请待上传，最早一笔自 {time} 起等待：请检查网络及状态栏中的同步状态。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/clock.py" line="30"/>
        <source>Within {seconds} s of the central server&apos;s clock.</source>
        <translation>与中心服务器时钟相差不超过 {seconds} 秒。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/clock.py" line="32"/>
        <source>{seconds} s ahead of the central server&apos;s clock: ask the administrator to set it right (new applications stop beyond {limit} minutes).</source>
        <translation>比中心服务器时钟快 {seconds} 秒：请联系管理员校准（相差超过 {limit} 分钟将暂停新申请）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/clock.py" line="36"/>
        <source>{seconds} s behind the central server&apos;s clock: ask the administrator to set it right (new applications stop beyond {limit} minutes).</source>
        <translation>比中心服务器时钟慢 {seconds} 秒：请联系管理员校准（相差超过 {limit} 分钟将暂停新申请）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/clock.py" line="39"/>
        <source>This computer&apos;s clock is about {minutes} minutes ahead of the central server&apos;s, so the dates on forms would be wrong: new applications are stopped. Set the clock right or ask the administrator.</source>
        <translation>本机时钟比中心服务器快约 {minutes} 分钟，表单上的日期会出错：已暂停新申请。请校准时钟或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/clock.py" line="43"/>
        <source>This computer&apos;s clock is about {minutes} minutes behind the central server&apos;s, so the dates on forms would be wrong: new applications are stopped. Set the clock right or ask the administrator.</source>
        <translation>本机时钟比中心服务器慢约 {minutes} 分钟，表单上的日期会出错：已暂停新申请。请校准时钟或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/clock.py" line="47"/>
        <source>The central database runs on this computer, so it keeps this computer&apos;s time.</source>
        <translation>中心数据库运行在本机上，与本机时间一致。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/clock.py" line="50"/>
        <source>Not compared: the central database cannot be reached just now. This alone stops nothing.</source>
        <translation>未比对：目前无法连接中心数据库。仅此一项不会暂停任何业务。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/clock.py" line="53"/>
        <source>Not compared: this counter is not enrolled with a central database yet.</source>
        <translation>未比对：本窗口尚未在中心数据库登记。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="22"/>
        <source>Not checked here.</source>
        <translation>此处未检查。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="23"/>
        <source>No printer is installed on this computer: forms and vouchers cannot be printed. Ask the administrator.</source>
        <translation>本机未安装打印机：无法打印登记表和凭证。请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="26"/>
        <source>Printers installed: {count}; the default is {name}.</source>
        <translation>已安装打印机 {count} 台，默认打印机为 {name}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="28"/>
        <source>Printers installed: {count}; none is the default, so staff choose one when printing.</source>
        <translation>已安装打印机 {count} 台，未设默认打印机，打印时需选择。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="32"/>
        <source>The photo camera ({photo}) is connected.</source>
        <translation>拍照摄像头（{photo}）已连接。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="33"/>
        <source>The photo camera ({photo}) and the document camera ({document}) are connected.</source>
        <translation>拍照摄像头（{photo}）和高拍仪（{document}）均已连接。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="36"/>
        <source>The photo camera ({photo}) is not found: check its cable. Meanwhile photos can be imported from files or come with a studio&apos;s receipt.</source>
        <translation>未找到拍照摄像头（{photo}）：请检查连接线。在此期间可从文件导入照片，或使用照相馆回执。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="39"/>
        <source>The document camera ({document}) is not found: check its cable. Meanwhile materials can be scanned from files.</source>
        <translation>未找到高拍仪（{document}）：请检查连接线。在此期间可从文件导入材料扫描件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="42"/>
        <source>Neither the photo camera ({photo}) nor the document camera ({document}) is found: check their cables.</source>
        <translation>拍照摄像头（{photo}）和高拍仪（{document}）均未找到：请检查连接线。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="46"/>
        <source>No ID-card reader is configured: staff type the ID details.</source>
        <translation>未配置身份证读卡器：由工作人员手工录入证件信息。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="48"/>
        <source>A simulated ID-card reader is configured (demonstration and training).</source>
        <translation>已配置模拟身份证读卡器（用于演示和培训）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="50"/>
        <source>The ID-card reader&apos;s driver {file} is not found: staff type the ID details until the administrator installs it.</source>
        <translation>未找到身份证读卡器驱动 {file}：在管理员安装之前，由工作人员手工录入证件信息。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="53"/>
        <source>The ID-card reader&apos;s driver cannot be loaded: staff type the ID details until the administrator fixes it.</source>
        <translation>无法加载身份证读卡器驱动：在管理员修复之前，由工作人员手工录入证件信息。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="56"/>
        <source>The ID-card reader does not answer: check its cable. Meanwhile staff type the ID details.</source>
        <translation>身份证读卡器无响应：请检查连接线。在此期间由工作人员手工录入证件信息。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/devices.py" line="59"/>
        <source>The ID-card reader is connected.</source>
        <translation>身份证读卡器已连接。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/disk.py" line="14"/>
        <source>{free} MB free on the disk of the data folder.</source>
        <translation>数据文件夹所在磁盘剩余 {free} MB。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/disk.py" line="16"/>
        <source>Only {free} MB free on the disk of the data folder: free some space soon (new applications stop below {minimum} MB).</source>
        <translation>数据文件夹所在磁盘仅剩 {free} MB：请尽快清理空间（低于 {minimum} MB 时将暂停新申请）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/disk.py" line="19"/>
        <source>Only {free} MB free on the disk of the data folder, under the {minimum} MB needed to keep applications safely: new applications are stopped. Free some space or ask the administrator.</source>
        <translation>数据文件夹所在磁盘仅剩 {free} MB，低于安全保存申请所需的 {minimum} MB：已暂停新申请。请清理空间或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/disk.py" line="23"/>
        <source>The free space of the data folder&apos;s disk cannot be measured; ask the administrator to check it.</source>
        <translation>无法测量数据文件夹所在磁盘的剩余空间，请联系管理员检查。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/items.py" line="33"/>
        <source>Disk space</source>
        <translation>磁盘空间</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/items.py" line="34"/>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/items.py" line="35"/>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/items.py" line="36"/>
        <source>Applications not yet sent</source>
        <translation>尚未上传的申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/items.py" line="37"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/items.py" line="38"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/items.py" line="39"/>
        <source>ID-card reader</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/items.py" line="40"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/version.py" line="11"/>
        <source>Version {running}; the published version is not known yet.</source>
        <translation>版本 {running}；尚不知道已发布的版本。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/version.py" line="13"/>
        <source>Version {running}, the published one.</source>
        <translation>版本 {running}，即已发布的版本。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/version.py" line="15"/>
        <source>Version {running}, newer than the published {published}.</source>
        <translation>版本 {running}，比已发布的 {published} 更新。</translation>
    </message>
    <message>
        <location filename="../../counter_app/selfcheck/version.py" line="17"/>
        <source>Version {running} runs here, but {published} is published: it is installed at a start once downloaded; ask the administrator if it does not come.</source>
        <translation>本机运行版本 {running}，已发布版本为 {published}：下载完成后将在下次启动时安装；如迟迟未更新，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/selfcheck.py" line="52"/>
        <source>New applications are stopped: only {free} MB are free on the disk of the data folder, under the {minimum} MB needed to keep them safely. Free some space, or a supervisor can allow new applications for today in the self-check.</source>
        <translation>已暂停新申请：数据文件夹所在磁盘仅剩 {free} MB，低于安全保存所需的 {minimum} MB。请清理空间，或由主管在自检中准许今天继续受理新申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/selfcheck.py" line="57"/>
        <source>New applications are stopped: this computer&apos;s clock is about {minutes} minutes off the central server&apos;s, so the dates on forms would be wrong. Set the clock right, or a supervisor can allow new applications for today in the self-check.</source>
        <translation>已暂停新申请：本机时钟与中心服务器相差约 {minutes} 分钟，表单上的日期会出错。请校准时钟，或由主管在自检中准许今天继续受理新申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/selfcheck.py" line="62"/>
        <source>Nothing stops new applications at the moment.</source>
        <translation>目前没有暂停新申请的情况。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/selfcheck.py" line="64"/>
        <source>Please give the reason for allowing new applications.</source>
        <translation>请填写准许受理新申请的原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/selfcheck.py" line="66"/>
        <source>Only a supervisor of this handling point can allow new applications.</source>
        <translation>只有本网点的主管才能准许受理新申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="12"/>
        <source>This is not an update package of Counter: {problem}</source>
        <translation>这不是本程序的更新包：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="14"/>
        <source>The update&apos;s manifest is not valid: {problem}</source>
        <translation>更新清单无效：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="16"/>
        <source>This program holds no trusted update key, so it accepts no update.</source>
        <translation>本程序未内置可信的更新密钥，因此不接受任何更新。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="18"/>
        <source>The update is signed with key {key}, which this program does not trust.</source>
        <translation>该更新由密钥 {key} 签名，本程序不信任此密钥。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="20"/>
        <source>The update&apos;s signature does not match its manifest: the manifest was changed or signed with another key.</source>
        <translation>更新签名与清单不符：清单已被改动，或由其他密钥签名。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="23"/>
        <source>The update package is not signed.</source>
        <translation>更新包未签名。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="24"/>
        <source>The update package is damaged: {file} differs from its manifest.</source>
        <translation>更新包已损坏：{file} 与清单不符。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="26"/>
        <source>The update package lacks {file}, which its manifest lists.</source>
        <translation>更新包缺少清单中列出的 {file}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="28"/>
        <source>The update package holds {file}, which its manifest does not list.</source>
        <translation>更新包含有清单中未列出的 {file}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="30"/>
        <source>The update package holds an unsafe entry ({entry}): {problem}.</source>
        <translation>更新包含有不安全的条目（{entry}）：{problem}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="32"/>
        <source>Version {version} is not newer than the installed version {installed}.</source>
        <translation>版本 {version} 并不比已安装的版本 {installed} 新。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="34"/>
        <source>Version {version} can only update version {minimum} or later; this is version {installed}.</source>
        <translation>版本 {version} 只能从 {minimum} 或更高版本升级；本机为版本 {installed}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="37"/>
        <source>The update is for {platform}; this computer is {here}.</source>
        <translation>该更新适用于 {platform}；本机为 {here}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="39"/>
        <source>{version} is not a version number (digits and dots, e.g. 1.2.0).</source>
        <translation>{version} 不是版本号（应为数字和点，如 1.2.0）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="41"/>
        <source>The downloaded package is not the one the central database published (its manifest differs).</source>
        <translation>下载的更新包不是中心数据库发布的那个（清单不一致）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="44"/>
        <source>The downloaded update differs from the published one (size or SHA-256); it is fetched again.</source>
        <translation>下载的更新与发布的不一致（大小或 SHA-256）；将重新下载。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="47"/>
        <source>Version {version} failed its start-up self-check ({problem}); version {previous} was put back.</source>
        <translation>版本 {version} 未通过启动自检（{problem}）；已恢复版本 {previous}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="50"/>
        <source>The update could not be put beside the program folder: {problem}. Check that the program&apos;s user may write there.</source>
        <translation>无法将更新放到程序文件夹旁：{problem}。请检查运行本程序的用户是否有权写入该位置。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="53"/>
        <source>The key file {file} is not usable: {problem}</source>
        <translation>密钥文件 {file} 无法使用：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="55"/>
        <source>The system&apos;s update folder {folder} is not safe to install from: {problem}.</source>
        <translation>系统更新文件夹 {folder} 不安全，不能从中安装：{problem}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/updates/errors.py" line="57"/>
        <source>The system&apos;s update service did not take version {version} ({count} starts): check that counter-app-update.path is enabled.</source>
        <translation>系统更新服务未接收版本 {version}（已启动 {count} 次）：请检查 counter-app-update.path 是否已启用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/update_releases.py" line="33"/>
        <source>Version {version} for {platform} is published already; withdraw it first to publish another package under that version.</source>
        <translation>{platform} 的版本 {version} 已发布；如需以该版本号发布另一个更新包，请先撤回。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/update_releases.py" line="36"/>
        <source>No release of version {version} is in force.</source>
        <translation>没有生效中的版本 {version}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/update_releases.py" line="38"/>
        <source>This login may not publish or withdraw updates: only the central database&apos;s administrator may.</source>
        <translation>此登录无权发布或撤回更新：仅中心数据库管理员可以。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_printing.py" line="35"/>
        <source>The card printer &quot;{printer}&quot; is not installed on this computer. Check that it is connected and switched on, or the card_printer setting.</source>
        <translation>本机未安装制卡打印机“{printer}”。请检查其连接和电源，或检查 card_printer 设置。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardface/layout.py" line="38"/>
        <source>The card layout file {file} is not valid at line {line}: {problem}. Correct it or ask the administrator.</source>
        <translation>卡面版式文件 {file} 第 {line} 行有误：{problem}。请改正或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardface/render.py" line="49"/>
        <source>The {element} does not fit its place on the card face, even at the smallest size the layout {file} allows (line {line}): the layout needs a larger box there.</source>
        <translation>卡面上的“{element}”即使缩到版式文件 {file} 允许的最小字号也放不下（第 {line} 行）：需要在版式中加大该区域。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardface/render.py" line="53"/>
        <source>{count} character(s) on the card face are in no installed font, so the card cannot be printed. Install a font that has them (e.g. HanaMinB or SimSun-ExtB for rare characters).</source>
        <translation>卡面上有 {count} 个字符在已安装的字体中都没有，无法制卡。请安装包含这些字符的字体（生僻字可安装 HanaMinB 或 SimSun-ExtB）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardface/render.py" line="57"/>
        <source>The photo cannot be printed on the card: the photo file is damaged. Take or import the photo again.</source>
        <translation>照片无法打印到卡面上：照片文件已损坏。请重新采集或导入照片。</translation>
    </message>
    <message>
        <location filename="../../counter_app/cardface/render.py" line="60"/>
        <source>The {element} cannot be printed as a barcode: it has characters a barcode cannot carry.</source>
        <translation>“{element}”无法打印为条码：其中含有条码不能表示的字符。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/card_blocks.py" line="23"/>
        <source>The number of blank cards must be a whole number from 0 to {most}.</source>
        <translation>白卡张数必须是 0 到 {most} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/card_blocks.py" line="25"/>
        <source>Give the site blank cards, a block of card numbers, or both.</source>
        <translation>请为网点配送白卡、分配卡号段，或两者兼有。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/card_blocks.py" line="27"/>
        <source>The block of card numbers is not usable.</source>
        <translation>该卡号段不可用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/card_blocks.py" line="28"/>
        <source>The block shares card numbers with a block of site {site}: blocks never overlap.</source>
        <translation>该卡号段与网点 {site} 的卡号段有重叠：卡号段不得重叠。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/card_blocks.py" line="31"/>
        <source>A card with a number of this block has been made already: choose numbers no card has.</source>
        <translation>该卡号段中已有卡号被制成卡片：请选择未被使用的卡号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="41"/>
        <source>The electronic social security card can be claimed: the card is activated, valid and not on the invalid list. It is claimed in the national platform&apos;s app, the city&apos;s app or a bank app; parents claim a child&apos;s through the family-member service.</source>
        <translation>可以申领电子社保卡：该卡已激活、有效，且不在挂失及失效名单上。电子社保卡在国家社会保险公共服务平台（掌上12333）App、本市人社App或银行App中申领；家长可通过亲情服务为孩子申领。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="46"/>
        <source>The electronic social security card cannot be claimed yet: there is no social security card for it to rest on. Apply for the card first (a child&apos;s with the household register); once it is collected and activated, the e-card can be claimed in the app.</source>
        <translation>暂不能申领电子社保卡：尚无可依托的实体社会保障卡。请先申领社会保障卡（未成年人凭户口簿办理）；领卡并激活后，即可在App中申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="51"/>
        <source>The electronic social security card cannot be claimed yet: the card is not in the holder&apos;s hands (its status: {status}). Collect and activate the card first; then the e-card can be claimed in the app.</source>
        <translation>暂不能申领电子社保卡：社会保障卡尚未发放到持卡人手中（当前状态：{status}）。请先领取并激活社会保障卡，再在App中申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="55"/>
        <source>The electronic social security card cannot be claimed yet: the card has not been activated. Activate the card first; then the e-card can be claimed in the app.</source>
        <translation>暂不能申领电子社保卡：社会保障卡尚未激活。请先激活社会保障卡，再在App中申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="59"/>
        <source>The electronic social security card is suspended with the card: the card is reported lost (temporary loss report). If the card is found, undo the report and the e-card works again; otherwise apply for a replacement card and claim the e-card again once it is activated.</source>
        <translation>电子社保卡随实体卡暂停使用：该卡已临时挂失。找回卡片的，解除挂失后电子社保卡即恢复使用；否则请申请补卡，新卡激活后重新申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="64"/>
        <source>The electronic social security card is suspended with the card: the card is reported lost (formal loss report). Apply for a replacement card; once it is activated, claim the e-card again.</source>
        <translation>电子社保卡随实体卡暂停使用：该卡已正式挂失。请申请补卡，新卡激活后重新申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="68"/>
        <source>The electronic social security card cannot be claimed: the card is cancelled, and the e-card with it. A new card must be applied for before an e-card can be claimed.</source>
        <translation>不能申领电子社保卡：该卡已注销，电子社保卡随之注销。须重新申领社会保障卡后，才能申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="72"/>
        <source>The electronic social security card cannot be claimed on this card: it is no longer valid ({kind}). Apply for a replacement or renewal; once the new card is activated, claim the e-card on it.</source>
        <translation>不能以此卡申领电子社保卡：该卡已失效（{kind}）。请办理补卡或换卡，新卡激活后再申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="76"/>
        <source>Whether the electronic social security card can be claimed cannot be told here: this counter does not know the card&apos;s status. The app says so when the e-card is claimed.</source>
        <translation>无法在本网点判断能否申领电子社保卡：本网点不掌握该卡的状态。申领时App会给出结果。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="83"/>
        <source>The electronic social security card is suspended with the card. Undoing the temporary loss report restores it; after a replacement card is activated, the e-card must be claimed again.</source>
        <translation>电子社保卡随实体卡暂停使用。解除临时挂失后即恢复使用；补领新卡并激活后，须重新申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="87"/>
        <source>The electronic social security card is suspended with the card. Once the replacement card is activated, the e-card must be claimed again.</source>
        <translation>电子社保卡随实体卡暂停使用。补领的新卡激活后，须重新申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="90"/>
        <source>The electronic social security card is suspended with the damaged card. Once the replacement card is activated, the e-card must be claimed again.</source>
        <translation>电子社保卡随损坏的实体卡暂停使用。补换的新卡激活后，须重新申领电子社保卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="93"/>
        <source>The electronic social security card is cancelled with the card.</source>
        <translation>电子社保卡随实体卡一并注销。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="95"/>
        <source>The electronic social security card works again with the card.</source>
        <translation>电子社保卡随实体卡恢复使用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/ecard.py" line="98"/>
        <source>The e-card guide file {file} is not valid: {problem}</source>
        <translation>电子社保卡申领指南文件 {file} 无效：{problem}</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/__init__.py" line="28"/>
        <source>No card encoder is configured for this counter (the card_encoder setting).</source>
        <translation>本柜台未配置写卡器（card_encoder 设置）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/__init__.py" line="30"/>
        <source>The card encoder setting &quot;{setting}&quot; is not understood: use simulated, simulated:fail=N, pcsc or pcsc:READER NAME.</source>
        <translation>无法识别写卡器设置“{setting}”：请使用 simulated、simulated:fail=N、pcsc 或 pcsc:读卡器名称。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/base.py" line="23"/>
        <source>The simulated card encoder was told to fail this card.</source>
        <translation>模拟写卡器按设置使本张卡写卡失败。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="39"/>
        <source>The card encoder cannot be used: its PC/SC support (the pyscard package) is not installed on this computer. Ask the administrator.</source>
        <translation>写卡器无法使用：本机未安装其 PC/SC 支持组件（pyscard）。请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="42"/>
        <source>The card encoder cannot be used: the smart card service (PC/SC) of this computer is not running. Ask the administrator.</source>
        <translation>写卡器无法使用：本机的智能卡服务（PC/SC）未运行。请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="45"/>
        <source>No card encoder is connected to this computer. Check its cable and power, then try again.</source>
        <translation>本机未连接写卡器。请检查连接线和电源后重试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="48"/>
        <source>The card encoder &quot;{reader}&quot; is not connected (connected: {available}). Check its cable and power, or the card_encoder setting.</source>
        <translation>写卡器“{reader}”未连接（已连接：{available}）。请检查连接线和电源，或检查 card_encoder 设置。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="51"/>
        <source>There is no card in the card encoder. Insert a blank card, then try again.</source>
        <translation>写卡器中没有卡。请放入空白卡后重试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="53"/>
        <source>The card in the encoder does not answer: the chip is damaged.</source>
        <translation>写卡器中的卡无响应：芯片已损坏。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="55"/>
        <source>The card in the encoder is not a social security card blank, or it is damaged (status {status}).</source>
        <translation>写卡器中的卡不是社会保障卡空白卡，或已损坏（状态码 {status}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="58"/>
        <source>The card refused to be written (status {status}): the encoder&apos;s security module (PSAM) is missing or not authorised, or the card is already personalised.</source>
        <translation>卡片拒绝写入（状态码 {status}）：写卡器的安全模块（PSAM卡）缺失或未获授权，或该卡已写过个人化数据。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="62"/>
        <source>The card answered with an error (status {status}) while it was written.</source>
        <translation>写卡过程中卡片返回错误（状态码 {status}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="64"/>
        <source>The card was removed or stopped answering while it was written.</source>
        <translation>写卡过程中卡片被取出或停止响应。</translation>
    </message>
    <message>
        <location filename="../../counter_app/encoders/pcsc.py" line="66"/>
        <source>The {field} is too long for the chip ({length} bytes, at most {limit}).</source>
        <translation>“{field}”超出芯片可存储的长度（{length} 字节，最多 {limit} 字节）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/issuance/numbers.py" line="14"/>
        <source>A block of card numbers is written FIRST-LAST, both with the same letters in front and the same number of digits after them, the first not above the last (e.g. A00000001-A00000500).</source>
        <translation>卡号段写作 起始-结束，两端前面的字母相同、后面的数字位数相同，且起始不大于结束（例如 A00000001-A00000500）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/issuance/numbers.py" line="18"/>
        <source>A block holds at most {most} card numbers.</source>
        <translation>一个卡号段最多包含 {most} 个卡号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/fees.py" line="34"/>
        <source>Payment method {method} is not one of this city&apos;s.</source>
        <translation>收费方式 {method} 不是本市规定的收费方式。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/fees.py" line="36"/>
        <source>No fee is due for this application.</source>
        <translation>该申请无需缴费。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/fees.py" line="37"/>
        <source>The fee of this application has been paid.</source>
        <translation>该申请的费用已缴纳。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/fees.py" line="38"/>
        <source>The application was rejected or withdrawn: no fee is taken for it.</source>
        <translation>该申请已不予受理或已撤回，不收取费用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/fees.py" line="40"/>
        <source>The fee of this application has been paid: its business type can no longer be changed.</source>
        <translation>该申请的费用已缴纳，不能再更改业务类型。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/issuance.py" line="63"/>
        <source>This application was taken in at another handling point; its card is made there.</source>
        <translation>该申请由其他网点受理，请在该网点制卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/issuance.py" line="66"/>
        <source>This handling point does not make cards at the window: its cards are made by the card centre. (Instant issuance is switched on centrally; the counter learns of it at the next sync.)</source>
        <translation>本网点不在窗口即时制卡，卡片由卡管中心制作。（即时制卡由中心开启，柜台在下次同步时获知。）</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/issuance.py" line="70"/>
        <source>The card of application {number} cannot be made here now: its status is {status} (a card is made for a signed or submitted application, or again after a failed attempt).</source>
        <translation>申请 {number} 的卡现在无法在此制作：其状态为 {status}（只能为已签字或已提交的申请制卡，或在制卡失败后重新制卡）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/issuance.py" line="74"/>
        <source>This counter has no card numbers left. Sync with the central database to reserve more; if none come, the card centre must give the handling point a new block of numbers.</source>
        <translation>本柜台已无可用卡号。请与中心数据库同步以预留更多卡号；如仍没有，需由卡管中心为本网点分配新的卡号段。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/issuance.py" line="78"/>
        <source>By the card centre&apos;s deliveries no blank cards are left here (received {received}, used {used}). Ask the card centre for more blanks.</source>
        <translation>按卡管中心的配送记录，本网点已无白卡（已收 {received} 张，已用 {used} 张）。请向卡管中心申领白卡。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/issuance.py" line="81"/>
        <source>Card making was interrupted before its result was recorded; the blank is treated as spoiled.</source>
        <translation>制卡在记录结果前中断，该白卡按作废处理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/issuance.py" line="84"/>
        <source>The card encoder failed ({error}); the blank is treated as spoiled.</source>
        <translation>写卡器出错（{error}），该白卡按作废处理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/issuance.py" line="86"/>
        <source>The card face could not be printed ({error}); the blank is spoiled.</source>
        <translation>卡面无法打印（{error}），该白卡已作废。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/blank_count.py" line="39"/>
        <source>This handling point does not make cards at the window: there are no blank cards to count.</source>
        <translation>本网点不在窗口制卡，没有空白卡需要盘点。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/blank_count.py" line="42"/>
        <source>The stock of blank cards is not known yet: sync with the central database first.</source>
        <translation>空白卡库存尚未获取：请先与中心数据库同步。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/blank_count.py" line="45"/>
        <source>Blank cards are counted for today only ({today}), not for {day}.</source>
        <translation>空白卡只能盘点当天（{today}），不能盘点 {day}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/blank_count.py" line="47"/>
        <source>The number of blank cards counted cannot be negative.</source>
        <translation>实点空白卡数量不能为负数。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/blank_count.py" line="49"/>
        <source>{counted} blank cards were counted but {expected} are expected (received {received}, issued {issued}, spoiled {spoiled}): explain the difference of {difference}.</source>
        <translation>实点空白卡 {counted} 张，应有库存 {expected} 张（领入 {received}，已发卡 {issued}，作废 {spoiled}）：请说明差异 {difference} 张。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/blank_count.py" line="53"/>
        <source>The explanation is too long (at most {limit} characters).</source>
        <translation>差异说明过长（最多 {limit} 个字）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/blank_count.py" line="55"/>
        <source>{counted} blank cards were counted but {expected} are expected: a count with a difference is recorded by a supervisor.</source>
        <translation>实点空白卡 {counted} 张，应有库存 {expected} 张：有差异的盘点须由主管记录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carried.py" line="54"/>
        <source>{name} is not an outbox file exported by a counter, or it is damaged: nothing was applied.</source>
        <translation>{name} 不是窗口导出的待发数据文件，或已损坏：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carried.py" line="57"/>
        <source>{name} is not a carry key made by counter-app central carry-key.</source>
        <translation>{name} 不是由 counter-app central carry-key 生成的携带密钥。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carried.py" line="59"/>
        <source>{name} is incomplete (cut short while copying?): nothing was applied. Copy the file again from the counter.</source>
        <translation>{name} 不完整（复制时被截断？）：未导入任何内容。请从窗口重新复制该文件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carried.py" line="62"/>
        <source>{name} was altered or damaged after the counter signed it: nothing was applied. Export it again at the counter.</source>
        <translation>{name} 在窗口签名后被改动或损坏：未导入任何内容。请在窗口重新导出。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carried.py" line="65"/>
        <source>{name} was encrypted to another carry key ({key}) than the one given: nothing was applied.</source>
        <translation>{name} 是用另一个携带密钥（{key}）加密的，不是所给的密钥：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carried.py" line="68"/>
        <source>{name} is not a receipt of the central database: nothing was marked as sent.</source>
        <translation>{name} 不是中心数据库的回执：没有任何数据被标记为已发送。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carried.py" line="71"/>
        <source>{name} is the file this counter exported, not the receipt: import the receipt the central database wrote for it (it ends in .receipt).</source>
        <translation>{name} 是本窗口导出的文件，不是回执：请导入中心数据库为它写出的回执（文件名以 .receipt 结尾）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carried.py" line="74"/>
        <source>{name} is not signed by the central database&apos;s carry key: nothing was marked as sent.</source>
        <translation>{name} 不是由中心数据库的携带密钥签名的：没有任何数据被标记为已发送。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carry_import.py" line="40"/>
        <source>Importing a carried file needs the central database administrator&apos;s login (a superuser): it applies the file as the counter that exported it.</source>
        <translation>导入携带文件需要中心数据库管理员（超级用户）的登录：它以导出该文件的窗口的身份导入。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carry_import.py" line="43"/>
        <source>{name} comes from a counter this central database does not know: nothing was applied.</source>
        <translation>{name} 来自本中心数据库不认识的窗口：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carry_import.py" line="46"/>
        <source>{name} comes from a counter whose access was revoked or never enrolled: nothing was applied.</source>
        <translation>{name} 来自已被撤销访问或从未注册的窗口：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carry_import.py" line="49"/>
        <source>{name} belongs to handling point {site}, not {expected}: nothing was applied.</source>
        <translation>{name} 属于经办网点 {site}，不是 {expected}：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carry_import.py" line="52"/>
        <source>{name} is signed with a key the counter never registered online: nothing was applied.</source>
        <translation>{name} 的签名密钥从未由该窗口在线登记：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carry_import.py" line="55"/>
        <source>{name} was imported already, on {when} (UTC): nothing was applied again.</source>
        <translation>{name} 已于 {when}（UTC）导入过：未再次导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carry_import.py" line="57"/>
        <source>The central database refused part of {name} ({error}): what went in before stays (importing it again sends it as duplicates), the rest did not. The counter&apos;s file is not what a counter writes: keep it for the administrator.</source>
        <translation>中心数据库拒收了 {name} 的一部分（{error}）：此前已导入的保留（再次导入按重复处理），其余未导入。该文件不是窗口正常写出的文件：请交给管理员保存。</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/carry_import.py" line="61"/>
        <source>{name} does not hold what its manifest lists: nothing was applied.</source>
        <translation>{name} 的内容与其清单不符：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/carrying.py" line="35"/>
        <source>This counter is not enrolled with a central database: there is no outbox to carry.</source>
        <translation>本窗口尚未在中心数据库注册：没有可携带的待发数据。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/carrying.py" line="38"/>
        <source>This counter has not yet learnt the central database&apos;s carry key: the administrator makes one (counter-app central carry-key), then the counter syncs once while online.</source>
        <translation>本窗口尚未获得中心数据库的携带密钥：请管理员生成一个（counter-app central carry-key），然后本窗口在线同步一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/carrying.py" line="42"/>
        <source>This counter&apos;s signing key is not yet registered centrally: sync once while online before carrying files by hand.</source>
        <translation>本窗口的签名密钥尚未在中心登记：人工携带文件之前，请先在线同步一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/carrying.py" line="45"/>
        <source>Nothing is waiting to be sent: no file was written.</source>
        <translation>没有待发送的数据：未写入文件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/carrying.py" line="46"/>
        <source>{name} is the receipt of a file this counter did not export: nothing was marked as sent.</source>
        <translation>{name} 是一个并非本窗口导出的文件的回执：没有任何数据被标记为已发送。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/carrying.py" line="49"/>
        <source>{name} was imported already, on {when}: nothing changed.</source>
        <translation>{name} 已于 {when} 导入过：没有任何更改。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/closed_days.py" line="17"/>
        <source>The day {day} is closed: its records no longer change. Only an administrator can reopen it.</source>
        <translation>{day} 已日结，当日记录不能再更改；如需更改，请管理员重新开放。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="61"/>
        <source>The day {day} has not begun yet: it cannot be closed.</source>
        <translation>{day} 尚未开始，不能日结。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="63"/>
        <source>The day {day} was closed already, at {at} by {operator}.</source>
        <translation>{day} 已于 {at} 由 {operator} 日结。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="65"/>
        <source>{count} open items of {day} are neither resolved nor explained: choose a reason for each.</source>
        <translation>{day} 还有 {count} 项未办结事项既未处理也未说明：请逐项选择原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="68"/>
        <source>&quot;{code}&quot; is not a reason of the rules file for leaving an item open.</source>
        <translation>“{code}”不是规则文件中规定的未办结说明原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="70"/>
        <source>The reason &quot;{reason}&quot; does not fit this kind of open item (application {number}): choose another.</source>
        <translation>原因“{reason}”不适用于此类未办结事项（申请 {number}），请另选原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="73"/>
        <source>The reason &quot;{reason}&quot; needs a note (application {number}).</source>
        <translation>原因“{reason}”须填写备注（申请编号 {number}）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="75"/>
        <source>A note is too long (at most {limit} characters).</source>
        <translation>备注过长（最多 {limit} 个字符）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="77"/>
        <source>The day {day} is not closed: there is nothing to reopen.</source>
        <translation>{day} 尚未日结，无需重新开放。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="79"/>
        <source>Please give the reason for reopening the day (at most {limit} characters).</source>
        <translation>请填写重新开放的原因（最多 {limit} 个字符）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="81"/>
        <source>The day {day} changed while it was being closed: look at its open items again.</source>
        <translation>{day} 在日结过程中有变动：请重新查看当日未办结事项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/day_close.py" line="84"/>
        <source>The day {day} is not closed: there is no closing report to print.</source>
        <translation>{day} 尚未日结，没有可打印的日结报表。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/review.py" line="36"/>
        <source>The application waits for a supervisor&apos;s review: the photo, the form, the signature and the submission follow the approval.</source>
        <translation>该申请正在等待主管复核：批准后才能采集照片、打印登记表、签字和提交。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/review.py" line="39"/>
        <source>The supervisor returned the application: correct it and examine it again.</source>
        <translation>主管已退回该申请：请更正后重新初审。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/review.py" line="41"/>
        <source>You examined this application yourself: another supervisor has to approve it.</source>
        <translation>该申请由您本人初审，须由另一位主管批准。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/review.py" line="43"/>
        <source>This application is not waiting for a review (any more).</source>
        <translation>该申请（已）不在待复核状态。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/review.py" line="45"/>
        <source>Please choose the reason for returning the application.</source>
        <translation>请选择退回申请的原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/review.py" line="47"/>
        <source>The note is too long: at most {limit} characters.</source>
        <translation>说明过长：最多 {limit} 个字符。</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../counter_app/qt/batch_intake.py" line="158"/>
        <location filename="../../counter_app/qt/pdf_print.py" line="63"/>
        <source>Print the batch</source>
        <translation>打印批量申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="60"/>
        <source>Print the registration form</source>
        <translation>打印申请登记表</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="61"/>
        <source>Print the acceptance voucher</source>
        <translation>打印受理回执</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="62"/>
        <source>Print the rejection notice</source>
        <translation>打印不予受理告知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="64"/>
        <source>Print the inquiry result</source>
        <translation>打印查询结果</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="65"/>
        <source>Print the collection receipt</source>
        <translation>打印领卡回执</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="66"/>
        <source>Print the photo receipt</source>
        <translation>打印照片回执</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="67"/>
        <source>Print the end-of-day report</source>
        <translation>打印日终报表</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="68"/>
        <source>Print the applicant guide</source>
        <translation>打印申领须知</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/pdf_print.py" line="69"/>
        <source>Print the e-card guide</source>
        <translation>打印电子社保卡申领指南</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/card_printing.py" line="38"/>
        <source>Print the card</source>
        <translation>打印卡面</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="26"/>
        <source>Window staff</source>
        <translation>窗口受理员</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="27"/>
        <source>Photo station</source>
        <translation>照相点</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="28"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="29"/>
        <source>Card centre</source>
        <translation>制卡中心</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/operators_dialog.py" line="30"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../counter_app/qt/instant_actions.py" line="40"/>
        <source>Select an application in the queue first.</source>
        <translation>请先在队列中选择一项申请。</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="11"/>
        <source>Being entered</source>
        <translation>录入中</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="12"/>
        <source>Examined</source>
        <translation>已初审</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="13"/>
        <source>Photo taken</source>
        <translation>已采集照片</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="14"/>
        <source>Form printed</source>
        <translation>已打印登记表</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="15"/>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="16"/>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="17"/>
        <source>In production</source>
        <translation>制卡中</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="18"/>
        <source>Card could not be made</source>
        <translation>制卡失败</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="19"/>
        <source>Produced</source>
        <translation>已制卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="20"/>
        <source>Ready for collection</source>
        <translation>待领取</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="21"/>
        <source>Applicant notified</source>
        <translation>已通知领卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="22"/>
        <source>Collected</source>
        <translation>已领取</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="23"/>
        <source>Activated</source>
        <translation>已激活</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="24"/>
        <source>Rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/status_names.py" line="25"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>sync_kinds</name>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="17"/>
        <source>Submitted application</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="18"/>
        <source>Photo or scanned file</source>
        <translation>照片或扫描件</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="19"/>
        <source>Photo receipt</source>
        <translation>照片回执</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="20"/>
        <source>Card collected</source>
        <translation>领卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="21"/>
        <source>Card activated</source>
        <translation>激活社会保障卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="22"/>
        <source>Card reported to the invalid list</source>
        <translation>无效卡登记（挂失、损坏、注销）</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="23"/>
        <source>Temporary loss report undone</source>
        <translation>解除临时挂失</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="24"/>
        <source>Card being made at the window</source>
        <translation>窗口制卡中</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="25"/>
        <source>Card made at the window</source>
        <translation>窗口制卡完成</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/sync_reasons.py" line="26"/>
        <source>Card blank spoiled at the window</source>
        <translation>窗口制卡空白卡作废</translation>
    </message>
</context>
<context>
    <name>sync_reasons</name>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="14"/>
        <source>operation for site {site}, but this counter belongs to {own}</source>
        <translation>该操作属于网点 {site}，但本柜台属于网点 {own}</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/operations.py" line="12"/>
        <source>unknown operation {kind}</source>
        <translation>无法识别的操作：{kind}</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/operations.py" line="13"/>
        <source>malformed operation: {detail}</source>
        <translation>操作内容有误：{detail}</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="16"/>
        <source>sequence {seq} was already used by a different operation</source>
        <translation>序号 {seq} 已被另一项操作使用</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="18"/>
        <source>the card centre has already taken this application over</source>
        <translation>制卡中心已接手该申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="20"/>
        <source>the file did not arrive complete</source>
        <translation>文件未完整送达</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="21"/>
        <source>refused by the central database ({error})</source>
        <translation>中心数据库拒绝了该操作（{error}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="22"/>
        <source>this photo receipt number is already in the registry for another photo</source>
        <translation>该照片回执编号已登记给另一张照片</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="24"/>
        <source>this photo receipt number is not in this site&apos;s number range</source>
        <translation>此照片回执编号不在本网点的编号范围内</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="26"/>
        <source>this photo receipt number is not this photo station&apos;s: after the day it must carry the station&apos;s counter number {mark} (enrol the station again if it has none)</source>
        <translation>此照片回执编号不属于本照相点：日期之后必须是本照相点的柜台号 {mark}（如本照相点没有柜台号，请重新注册）</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="30"/>
        <source>this photo receipt number&apos;s day {day} is before the photo station was enrolled or after tomorrow</source>
        <translation>此照片回执编号中的日期 {day} 早于本照相点注册前一天，或晚于明天</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="33"/>
        <source>the receipt&apos;s photo is larger than {kb} KB</source>
        <translation>回执照片超过 {kb} KB</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="44"/>
        <source>the central database knows no card with this number; the card centre lists it</source>
        <translation>中心数据库没有此卡号的卡；请由制卡中心办理挂失</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="51"/>
        <source>the holder&apos;s ID number was not checked with the central database before the report was sent; record it again</source>
        <translation>报告发出前未经中心数据库核对持卡人身份证号码，请重新登记</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="58"/>
        <source>this site does not make cards at the window (instant issuance is off)</source>
        <translation>本网点不在窗口制卡（即时制卡未开启）</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="60"/>
        <source>the card number is not one of the numbers reserved for this counter</source>
        <translation>该卡号不在为本柜台预留的卡号之内</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="62"/>
        <source>the card number has been used already</source>
        <translation>该卡号已被使用</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="63"/>
        <source>the card number is not the one being made for this application</source>
        <translation>该卡号不是本申请正在制作的卡号</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="66"/>
        <source>the file is missing on this counter</source>
        <translation>本柜台上找不到该文件</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="67"/>
        <source>the file on this counter is damaged (checksum differs)</source>
        <translation>本柜台上的文件已损坏（校验值不符）</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="69"/>
        <source>the file arrived damaged; it will be sent again</source>
        <translation>文件送达时已损坏，将重新发送</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="73"/>
        <source>audit records {records} are missing</source>
        <translation>审计记录 {records} 缺失</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="74"/>
        <source>audit records {records} were removed after the central side received them</source>
        <translation>审计记录 {records} 在中心数据库收到后被删除</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="76"/>
        <source>audit records {records} arrived after later ones</source>
        <translation>审计记录 {records} 晚于其后的记录到达</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="78"/>
        <source>audit records {records} differ from those the central side received</source>
        <translation>审计记录 {records} 与中心数据库收到的不一致</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="80"/>
        <source>audit records {records} cannot be stored</source>
        <translation>审计记录 {records} 无法保存</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="82"/>
        <source>the counter&apos;s audit chain at record {record} differs from the central side&apos;s</source>
        <translation>本柜台的审计记录链在第 {record} 条处与中心数据库的不一致</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="85"/>
        <source>an audit anchor over {count} records differs from the central side&apos;s chain</source>
        <translation>覆盖 {count} 条记录的审计锚点与中心数据库的记录链不一致</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="36"/>
        <source>this site has no such application on the central database</source>
        <translation>中心数据库中没有本网点的该申请</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="38"/>
        <source>the card cannot be recorded as {target} while its status is {current}</source>
        <translation>卡片当前状态为“{current}”，不能登记为“{target}”</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="40"/>
        <source>this card is already on the invalid list ({entry})</source>
        <translation>该卡已列入无效卡名单（{entry}）</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="42"/>
        <source>the card number belongs to another ID number</source>
        <translation>该卡号属于其他身份证号码</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="47"/>
        <source>a formal loss report cannot be undone</source>
        <translation>正式挂失不能解挂</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="49"/>
        <source>this card has no temporary loss report in force to undo</source>
        <translation>该卡没有可解除的有效临时挂失</translation>
    </message>
    <message>
        <location filename="../../counter_app/central/reasons.py" line="54"/>
        <source>an invalid-list entry with this id already exists</source>
        <translation>无效卡名单中已有相同编号的记录</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../counter_app/qt/instant_actions.py" line="23"/>
        <source>&amp;Make the card…</source>
        <translation>制卡(&amp;M)…</translation>
    </message>
</context>
<context>
    <name>work_lists</name>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="28"/>
        <source>Waiting for review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="29"/>
        <source>Not yet sent</source>
        <translation>尚未上传</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="30"/>
        <source>Refused by the central database</source>
        <translation>被中心数据库拒收</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="31"/>
        <source>Printed but not signed</source>
        <translation>已打印未签字</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="32"/>
        <source>Unfinished from earlier days</source>
        <translation>往日未办完</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="33"/>
        <source>Returned to staff</source>
        <translation>被退回</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="36"/>
        <source>Examined applications waiting for a supervisor&apos;s approval. Their photo, form, signature and submission follow the approval.</source>
        <translation>已初审、等待主管复核批准的申请。批准后才能采集照片、打印登记表、签字和提交。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="39"/>
        <source>Applications with something not yet sent to the central database. The next sync sends them.</source>
        <translation>有内容尚未上传到中心数据库的申请。下次同步时自动上传。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="42"/>
        <source>The central database refused these; the reason says what to do. Sync ▸ Sync problems marks them as seen.</source>
        <translation>中心数据库拒收了这些申请，请按原因处理。在“同步 ▸ 同步问题”中可标记为已阅。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="45"/>
        <source>The form was printed but the applicant&apos;s signature was never recorded.</source>
        <translation>登记表已打印，但未记录申请人签字。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="47"/>
        <source>Applications begun before today and not yet at the printed form.</source>
        <translation>今天以前开始办理、尚未打印登记表的申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/qt/work_list.py" line="49"/>
        <source>A supervisor returned these to staff with a reason: correct them and examine them again, then they wait for the review again.</source>
        <translation>主管注明原因退回经办人的申请：请更正后重新初审，之后将再次等待复核。</translation>
    </message>
</context>
</TS>
