/// Names in the mix of an English town, including accents and non-Latin scripts, so that
/// screens and reports are exercised as real rolls exercise them. All plainly fictional.
/// Each background keeps its own children's and adults' first names and surnames, so a
/// family's names go together: a mother's name is a woman's, a Greek child has Greek parents.
public enum Names {
    struct Background {
        let id: String
        let surnames: [String]
        let girls: [String]
        let boys: [String]
        let women: [String]
        let men: [String]
        let weight: Int
        /// Women keep their own family name on marriage (Chinese, Korean, Vietnamese, Somali).
        var womenKeepSurname = false

        /// The woman's form of a family name, where the language has one.
        func feminine(_ surname: String) -> String {
            switch id {
            case "polish":
                for (m, f) in [("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")] where surname.hasSuffix(m) { return String(surname.dropLast(m.count)) + f }
                return surname
            case "greek": return surname.hasSuffix("os") ? String(surname.dropLast(2)) + "ou" : surname
            case "russian": return surname.hasSuffix("ов") || surname.hasSuffix("ин") ? surname + "а" : surname
            default: return surname
            }
        }
    }

    static let backgrounds: [Background] = [
        Background(id: "british", surnames: ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Green", "Hall", "Wood", "Clarke", "Turner", "Hill", "Cooper", "Ward", "Morris", "Baker", "Harris", "King", "Lewis", "Jackson", "White", "Edwards", "Shaw", "Moore", "Cole"],
                   girls: ["Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Grace", "Poppy", "Evie", "Ella", "Ruby", "Florence", "Millie", "Daisy", "Phoebe", "Rosie", "Sophie", "Matilda", "Harper", "Zoë"],
                   boys: ["Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "Charlie", "Freddie", "Alfie", "Theo", "Archie", "Henry", "Thomas", "Joshua", "Jacob", "Finley", "Reggie", "Toby"],
                   women: ["Sarah", "Claire", "Emma", "Laura", "Gemma", "Michelle", "Rebecca", "Kelly", "Joanne", "Hannah", "Amy", "Natalie"],
                   men: ["James", "David", "Paul", "Mark", "Daniel", "Richard", "Steven", "Craig", "Matthew", "Lee", "Andrew", "Gareth"], weight: 60),
        Background(id: "pakistani-bangladeshi", surnames: ["Khan", "Hussain", "Ahmed", "Ali", "Shah", "Iqbal", "Mahmood", "Rahman", "Chowdhury", "Akhtar"],
                   girls: ["Aisha", "Fatima", "Maryam", "Zara", "Inaya", "Anaya", "Noor", "Hafsa", "Amara", "Sumaya"],
                   boys: ["Muhammad", "Ibrahim", "Yusuf", "Zayn", "Ayaan", "Hamza", "Idris", "Rayan", "Musa", "Ismail"],
                   women: ["Nadia", "Shazia", "Ayesha", "Farzana", "Rukhsana", "Sadia", "Nasreen"],
                   men: ["Imran", "Tariq", "Asif", "Kamran", "Shahid", "Faisal", "Abdul"], weight: 8),
        Background(id: "indian", surnames: ["Patel", "Sharma", "Gill", "Sandhu", "Mistry", "Parmar"],
                   girls: ["Priya", "Simran", "Anika", "Diya", "Ishani", "Jasleen"],
                   boys: ["Arjun", "Rohan", "Aarav", "Dev", "Harjot", "Vihaan"],
                   women: ["Sunita", "Meena", "Harpreet", "Kavita", "Neha"],
                   men: ["Rajesh", "Sanjay", "Gurpreet", "Vikram", "Amit"], weight: 4),
        Background(id: "polish", surnames: ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Lewandowski", "Zieliński", "Dąbrowski", "Kamiński"],
                   girls: ["Zuzanna", "Julia", "Łucja", "Maja", "Alicja", "Zofia"],
                   boys: ["Jakub", "Łukasz", "Szymon", "Mateusz", "Kacper", "Paweł"],
                   women: ["Agnieszka", "Katarzyna", "Małgorzata", "Joanna", "Magdalena"],
                   men: ["Tomasz", "Piotr", "Krzysztof", "Marcin", "Michał"], weight: 6),
        Background(id: "romanian", surnames: ["Popescu", "Ionescu", "Dumitrescu", "Stan", "Radu"],
                   girls: ["Ioana", "Andreea", "Maria", "Elena"],
                   boys: ["Andrei", "Ștefan", "Mihai", "Luca"],
                   women: ["Mihaela", "Cristina", "Gabriela", "Alina"],
                   men: ["Florin", "Bogdan", "Adrian", "Ionuț"], weight: 3),
        Background(id: "nigerian", surnames: ["Okafor", "Adeyemi", "Okonkwo", "Nwosu", "Eze", "Balogun"],
                   girls: ["Adaeze", "Chioma", "Folake", "Zainab", "Ifeoma"],
                   boys: ["Chinedu", "Tobi", "Emeka", "Segun", "Daniel"],
                   women: ["Ngozi", "Funmilayo", "Chiamaka", "Bukola"],
                   men: ["Oluwaseun", "Chukwuemeka", "Babatunde", "Obinna"], weight: 4),
        Background(id: "ghanaian", surnames: ["Mensah", "Boateng", "Osei", "Asante", "Owusu"],
                   girls: ["Ama", "Nia", "Akosua", "Efua"],
                   boys: ["Kwame", "Kofi", "Kwaku", "Yaw"],
                   women: ["Abena", "Adwoa", "Akua"],
                   men: ["Kwabena", "Kwesi", "Kojo"], weight: 2),
        Background(id: "somali", surnames: ["Abdi", "Mohamed", "Hassan", "Farah", "Warsame", "Jama"],
                   girls: ["Hodan", "Amina", "Ayan", "Sagal"],
                   boys: ["Abdirahman", "Abdullahi", "Mustafa", "Bilal"],
                   women: ["Fadumo", "Hawa", "Sahra", "Halima"],
                   men: ["Ahmed", "Abdikarim", "Omar", "Yusuf"], weight: 2, womenKeepSurname: true),
        Background(id: "irish", surnames: ["O'Brien", "Murphy", "Ó Súilleabháin", "Kelly", "Byrne", "Ryan"],
                   girls: ["Aoife", "Siobhán", "Niamh", "Caoimhe", "Saoirse"],
                   boys: ["Seán", "Oisín", "Cian", "Dáithí", "Ruairí"],
                   women: ["Máire", "Sinéad", "Deirdre", "Orla"],
                   men: ["Ciarán", "Pádraig", "Declan", "Eoin"], weight: 4),
        Background(id: "welsh-scottish", surnames: ["Davies", "Price", "Llewellyn", "MacLeod", "Campbell", "Fraser"],
                   girls: ["Siân", "Cerys", "Eilídh", "Catrin"],
                   boys: ["Rhys", "Dafydd", "Callum", "Euan"],
                   women: ["Angharad", "Mairi", "Fiona", "Bethan"],
                   men: ["Gethin", "Iain", "Alasdair", "Huw"], weight: 1),
        Background(id: "chinese", surnames: ["李", "王", "陈", "张"], girls: ["小红", "静", "梅"], boys: ["伟", "小龙", "浩"],
                   women: ["丽", "芳", "敏"], men: ["强", "军", "明"], weight: 1, womenKeepSurname: true),
        Background(id: "vietnamese", surnames: ["Nguyễn", "Trần", "Lê", "Phạm"], girls: ["Linh", "Mai", "Thảo"], boys: ["Minh", "Huy", "Khoa"],
                   women: ["Hương", "Lan", "Hoa"], men: ["Tuấn", "Dũng", "Hùng"], weight: 1, womenKeepSurname: true),
        Background(id: "korean", surnames: ["Kim", "Park", "Lee", "Choi"], girls: ["Ji-woo", "Seo-yeon"], boys: ["Seo-jun", "Min-jun"],
                   women: ["Eun-ji", "Hye-jin"], men: ["Sung-min", "Jae-won"], weight: 1, womenKeepSurname: true),
        Background(id: "portuguese", surnames: ["Silva", "Santos", "Ferreira", "Costa"], girls: ["Inês", "Beatriz", "Leonor"], boys: ["João", "Tomás", "Duarte"],
                   women: ["Ana", "Mariana", "Sofia"], men: ["Ricardo", "Nuno", "Rui"], weight: 2),
        Background(id: "spanish", surnames: ["García", "López", "Martínez"], girls: ["Lucía", "Carmen"], boys: ["José", "Pablo"],
                   women: ["Marta", "Pilar"], men: ["Javier", "Sergio"], weight: 1),
        Background(id: "german", surnames: ["Müller", "Schäfer", "Becker"], girls: ["Lena", "Hanna"], boys: ["Lukas", "Jonas"],
                   women: ["Katrin", "Sabine"], men: ["Jürgen", "Stefan"], weight: 1),
        Background(id: "french", surnames: ["Dubois", "Lefèvre", "Moreau"], girls: ["Chloé", "Léa"], boys: ["Mathéo", "Hugo"],
                   women: ["Céline", "Aurélie"], men: ["Julien", "Sébastien"], weight: 1),
        Background(id: "greek", surnames: ["Papadopoulos", "Georgiou", "Nikolaidis"], girls: ["Ελένη", "Μαρία"], boys: ["Γιώργος", "Νίκος"],
                   women: ["Δήμητρα", "Κατερίνα"], men: ["Κώστας", "Γιάννης"], weight: 1),
        Background(id: "russian", surnames: ["Иванов", "Смирнов", "Кузнецов"], girls: ["Анна", "Дарья"], boys: ["Дмитрий", "Артём"],
                   women: ["Ольга", "Наталья"], men: ["Сергей", "Алексей"], weight: 1),
    ]

    static func background(_ rng: inout SeededRandom) -> Background {
        let total = backgrounds.reduce(0) { $0 + $1.weight }
        var roll = rng.int(0...(total - 1))
        for b in backgrounds {
            if roll < b.weight { return b }
            roll -= b.weight
        }
        return backgrounds[0]
    }

    /// The backgrounds whose names include this first name (a child's or an adult's).
    public static func backgrounds(ofFirstName name: String) -> [String] {
        backgrounds.filter { $0.girls.contains(name) || $0.boys.contains(name) || $0.women.contains(name) || $0.men.contains(name) }.map(\.id)
    }

    /// True for a woman's first name, false for a man's, nil for neither (an adult's).
    public static func isWomansName(_ name: String) -> Bool? {
        if backgrounds.contains(where: { $0.women.contains(name) }) { return true }
        if backgrounds.contains(where: { $0.men.contains(name) }) { return false }
        return nil
    }

    /// Whether a full name ends in this family name or its woman's form.
    public static func sameFamilyName(_ fullName: String, _ surname: String) -> Bool {
        let forms = Set(backgrounds.map { $0.feminine(surname) } + [surname])
        return forms.contains { fullName.hasSuffix(" " + $0) }
    }
}
